using Saraban.Workflow.Access;

namespace Saraban.Workflow.Letters;

/// <summary>
/// A letter classified ลับ or above stays with those who handle it in its office: the clerk who
/// registers it, the head and deputies who decide. Other members of the office (trackers, system
/// admins) see that it exists, never what it says.
/// </summary>
public static class LetterVisibility
{
    public static bool MaySee(UserAccount user, Secrecy secrecy) =>
        secrecy == Secrecy.None || user.Has(Role.Clerk) || user.Has(Role.Head) || user.Has(Role.Deputy);

    public static void Check(UserAccount user, Secrecy secrecy)
    {
        if (!MaySee(user, secrecy))
            throw new AccessDeniedException($"หนังสือนี้เป็นหนังสือลับ {user.FullName} ไม่มีสิทธิ์อ่าน (a classified letter; user '{user.Id}' may not read it).");
    }
}
