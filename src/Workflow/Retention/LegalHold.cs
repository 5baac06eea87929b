using Saraban.Workflow.EventStore;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Retention;

/// <summary>การระงับการทำลาย (legal hold): a register entry kept past its retention, e.g. for a case in court; on the letter's stream.</summary>
public sealed record LegalHoldSet(string Reason, string UserId);
public sealed record LegalHoldLifted(string Reason, string UserId);

/// <summary>Holds are the office admin's, each with a reason; a held letter cannot be marked destroy, nor destroyed.</summary>
public static class LegalHold
{
    public static EventTypes Register(EventTypes t) => t.Register<LegalHoldSet>("legal-hold-set").Register<LegalHoldLifted>("legal-hold-lifted");

    public static object Decide(bool held, bool set, string? reason, bool destroyed, string userId)
    {
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is null) throw new DomainException(set ? "ต้องระบุเหตุที่ระงับการทำลาย (a hold needs a reason)." : "ต้องระบุเหตุที่ยกเลิกการระงับ (lifting a hold needs a reason).");
        if (why.Length > DestructionReview.MaxReason) throw new DomainException($"เหตุผลยาวเกิน {ThaiDigits.Format(DestructionReview.MaxReason)} ตัวอักษร (the reason is too long).");
        if (destroyed) throw new DomainException("หนังสือนี้ทำลายแล้ว (the letter has been destroyed).");
        if (set && held) throw new DomainException("หนังสือนี้ถูกระงับการทำลายอยู่แล้ว (the letter is under a hold already).");
        if (!set && !held) throw new DomainException("หนังสือนี้ไม่ได้ถูกระงับการทำลาย (the letter is not under a hold).");
        return set ? new LegalHoldSet(why, userId) : new LegalHoldLifted(why, userId);
    }
}
