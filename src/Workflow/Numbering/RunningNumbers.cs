using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Numbering;

/// <summary>The books an organization numbers: each has its own running number, restarting every 1 January.</summary>
public enum NumberSeries
{
    /// <summary>ทะเบียนหนังสือส่ง: ordinary outgoing letters.</summary>
    Outgoing,
    /// <summary>หนังสือเวียน: outgoing circulars, numbered <c>ว</c>.</summary>
    OutgoingCircular,
    /// <summary>ทะเบียนหนังสือรับ: the receive register (เลขทะเบียนรับ).</summary>
    Incoming,
}

/// <summary>An admin starts a book mid-year at go-live, so the office's paper register continues without a jump.</summary>
public sealed record NumberingStarted(string OrganizationId, NumberSeries Series, int Year, int FirstNumber);

/// <summary>One number taken, naming the stream whose event uses it (the letter or its registration).</summary>
public sealed record NumberIssued(int Number, string UsedBy);

/// <summary>
/// One book's state and its pure decisions. The book is a stream per organization, series and
/// calendar year; a number is the stream's next event, appended in the same transaction as the
/// event that uses it, so numbers are unique (one version per stream), gap-free (versions are
/// dense) and a failed command burns none (the transaction rolls back whole).
/// </summary>
public sealed record RunningNumbers(long Version, int Next, bool Started)
{
    public static readonly RunningNumbers Empty = new(0, 1, false);

    public static string StreamId(string organizationId, NumberSeries series, int year) =>
        $"numbers-{organizationId}-{series switch { NumberSeries.Outgoing => "out", NumberSeries.OutgoingCircular => "circular", _ => "in" }}-{year}";

    public RunningNumbers Apply(object e) => e switch
    {
        NumberingStarted s => this with { Version = Version + 1, Next = s.FirstNumber, Started = true },
        NumberIssued i => this with { Version = Version + 1, Next = i.Number + 1, Started = true },
        _ => this with { Version = Version + 1 },
    };

    public static NumberingStarted DecideStart(RunningNumbers state, string organizationId, NumberSeries series, int year, int firstNumber)
    {
        if (firstNumber < 1) throw new NumberingException($"เลขเริ่มต้นต้องเป็น ๑ ขึ้นไป (the first number must be 1 or more, not {firstNumber}).");
        if (state.Started)
            throw new NumberingException($"ทะเบียนนี้เริ่มใช้เลขแล้ว ตั้งเลขเริ่มต้นได้ครั้งเดียวก่อนออกเลขแรก (the {series} book of {organizationId} for {year} is already in use; the next number is set once, before the first is issued).");
        return new NumberingStarted(organizationId, series, year, firstNumber);
    }

    public static EventTypes Register(EventTypes types) => types
        .Register<NumberingStarted>("numbering-started")
        .Register<NumberIssued>("number-issued");
}

public sealed class NumberingException(string message) : DomainException(message);
