using System.Collections.Immutable;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Numbering;

/// <summary>
/// One number of an outgoing book set aside (จองเลข) for a letter signed on paper. A reservation of
/// N numbers is N of these in one transaction with the book's N <see cref="NumberIssued"/>, so each
/// number is a line of the register of its own from the moment it is taken.
/// </summary>
/// <param name="Purpose">What the clerk reserves it for, as the register's หมายเหตุ shows it until the number is used.</param>
public sealed record NumberReserved(string ReservationId, string OrganizationId, NumberSeries Series, int Year, int Number,
    string DocumentNumber, string Purpose, string ReservedBy);

/// <summary>
/// A reserved number given to its letter: one signed on paper and entered in the register now
/// (<see cref="LetterId"/> null), or one of the system's letters dispatched under it.
/// </summary>
public sealed record ReservedNumberUsed(int Number, string Subject, string AddresseeName, DateOnly Date, string? LetterId, string UsedBy);

/// <summary>A reserved number that will not be used: it stays in the register as a cancelled line with the reason, never issued again.</summary>
public sealed record ReservedNumberCancelled(int Number, string Reason, string CancelledBy);

public enum ReservedNumberStatus { Reserved, Used, Cancelled }

public sealed record ReservedNumber(int Number, string DocumentNumber, ReservedNumberStatus Status, string? Note);

/// <summary>How many numbers a clerk may take at once, and after how many days an unused one is flagged to the office's clerks.</summary>
public sealed record ReservationPolicy(int MaxPerReservation = 50, int UnusedDays = 7)
{
    public static readonly ReservationPolicy Default = new();

    /// <summary>From SARABAN_RESERVATION_MAX and SARABAN_RESERVATION_DAYS when set (whole numbers above zero), else the defaults.</summary>
    public static ReservationPolicy FromEnvironment() => new(Read("SARABAN_RESERVATION_MAX", Default.MaxPerReservation), Read("SARABAN_RESERVATION_DAYS", Default.UnusedDays));

    private static int Read(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v && int.TryParse(v, out var n) && n > 0 ? n : fallback;
}

/// <summary>A reservation's numbers and their fate (stream <c>reservation-{id}</c>), with its pure decisions.</summary>
public sealed record NumberReservation(long Version, string? Id, string? OrganizationId, NumberSeries Series, int Year,
    ImmutableSortedDictionary<int, ReservedNumber> Numbers)
{
    public static readonly NumberReservation Empty = new(0, null, null, NumberSeries.Outgoing, 0, ImmutableSortedDictionary<int, ReservedNumber>.Empty);

    public const string StreamPrefix = "reservation-";
    public const int MaxTextLength = 300;

    public static string StreamId(string reservationId) => StreamPrefix + reservationId;

    public NumberReservation Apply(object e) => (e switch
    {
        NumberReserved r => this with { Id = r.ReservationId, OrganizationId = r.OrganizationId, Series = r.Series, Year = r.Year,
            Numbers = Numbers.SetItem(r.Number, new ReservedNumber(r.Number, r.DocumentNumber, ReservedNumberStatus.Reserved, r.Purpose)) },
        ReservedNumberUsed u => With(u.Number, ReservedNumberStatus.Used, u.Subject),
        ReservedNumberCancelled c => With(c.Number, ReservedNumberStatus.Cancelled, c.Reason),
        _ => this,
    }) with { Version = Version + 1 };

    private NumberReservation With(int number, ReservedNumberStatus status, string note) =>
        this with { Numbers = Numbers.SetItem(number, Numbers[number] with { Status = status, Note = note }) };

    /// <summary>Checks a request before any number is taken: the book must be an outgoing one and the count within the policy.</summary>
    public static string CheckReserve(NumberSeries series, int count, string? purpose, ReservationPolicy policy)
    {
        if (series == NumberSeries.Incoming)
            throw new NumberingException("จองเลขได้เฉพาะทะเบียนหนังสือส่ง เลขรับออกเมื่อลงทะเบียนรับ (only outgoing books take reservations).");
        if (count < 1) throw new NumberingException($"จำนวนเลขที่จองต้องเป็น ๑ ขึ้นไป (reserve at least one number, not {count}).");
        if (count > policy.MaxPerReservation)
            throw new NumberingException($"จองเลขได้ครั้งละไม่เกิน {ThaiDigits.Format(policy.MaxPerReservation)} เลข (at most {policy.MaxPerReservation} numbers at once, not {count}).");
        return Text(purpose, "ต้องระบุว่าจองเลขไว้สำหรับเรื่องใด (say what the numbers are for).");
    }

    /// <summary>The events of a reservation whose first number the book gave.</summary>
    public static IReadOnlyList<NumberReserved> DecideReserve(string reservationId, string organizationId, string prefix, NumberSeries series, int year,
        int first, int count, string purpose, string userId) =>
        Enumerable.Range(first, count).Select(n => new NumberReserved(reservationId, organizationId, series, year, n,
            new DocumentNumber(prefix, series == NumberSeries.OutgoingCircular, n).Format(), purpose, userId)).ToList();

    public static ReservedNumberUsed DecideUse(NumberReservation state, int number, string? subject, string? addresseeName, DateOnly date,
        DateOnly today, string? letterId, string userId)
    {
        Open(state, number);
        var s = Text(subject, "ต้องระบุเรื่องของหนังสือที่ใช้เลขนี้ (the letter's subject is missing).");
        var to = Text(addresseeName, "ต้องระบุผู้รับหนังสือ (the addressee is missing).");
        if (date > today) throw new NumberingException($"วันที่ของหนังสือ {ThaiDate.FormatFull(date)} อยู่ในอนาคต (the letter's date is in the future).");
        if (date.Year != state.Year)
            throw new NumberingException($"เลขนี้เป็นของทะเบียนปี พ.ศ. {ThaiDigits.Format(state.Year + 543)} ใช้กับหนังสือลงวันที่ปีอื่นไม่ได้ (the number belongs to the book of {state.Year}).");
        return new ReservedNumberUsed(number, s, to, date, letterId, userId);
    }

    public static ReservedNumberCancelled DecideCancel(NumberReservation state, int number, string? reason, string userId)
    {
        Open(state, number);
        return new ReservedNumberCancelled(number, Text(reason, "ต้องระบุเหตุผลที่ยกเลิกเลขที่จอง (a cancellation needs a reason)."), userId);
    }

    /// <summary>A number of this reservation still waiting for its letter.</summary>
    private static void Open(NumberReservation state, int number)
    {
        if (state.Version == 0) throw new NumberingException("ไม่พบการจองเลขนี้ (no such reservation).");
        if (!state.Numbers.TryGetValue(number, out var n))
            throw new NumberingException($"เลข {ThaiDigits.Format(number)} ไม่อยู่ในการจองนี้ (number {number} is not in this reservation).");
        if (n.Status == ReservedNumberStatus.Used)
            throw new NumberingException($"เลข {n.DocumentNumber} ใช้ไปแล้วกับเรื่อง {n.Note} เลขหนึ่งใช้ได้ครั้งเดียว (number {number} is used already).");
        if (n.Status == ReservedNumberStatus.Cancelled)
            throw new NumberingException($"เลข {n.DocumentNumber} ยกเลิกแล้ว ({n.Note}) เลขที่ยกเลิกนำกลับมาใช้ไม่ได้ (a cancelled number is never used again).");
    }

    private static string Text(string? value, string missing)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new NumberingException(missing);
        var t = value.Trim();
        if (t.Length > MaxTextLength) throw new NumberingException($"ข้อความยาวเกิน {ThaiDigits.Format(MaxTextLength)} ตัวอักษร (the text is too long).");
        return t;
    }

    public static EventTypes Register(EventTypes types) => types
        .Register<NumberReserved>("number-reserved")
        .Register<ReservedNumberUsed>("reserved-number-used")
        .Register<ReservedNumberCancelled>("reserved-number-cancelled");
}
