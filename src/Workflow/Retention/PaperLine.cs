using System.Globalization;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Numbering;

namespace Saraban.Workflow.Retention;

/// <summary>
/// A letter sent on paper under a reserved number (จองเลข): its line of the dispatch register is all
/// the system holds of it, and it has no stream of its own. The destruction list names it by its
/// reservation's stream and number (<c>reservation-{id}#{n}</c>); destroying it erases that number's
/// <see cref="ReservedNumberUsed"/> (its subject) and marks the line, while the paper copy is destroyed by hand.
/// Reserved numbers never used, and cancelled ones, hold no letter: they are never listed.
/// </summary>
public static class PaperLine
{
    public static string Id(string reservationStream, int number) => $"{reservationStream}#{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The list's name of a register line <c>{reservationId}-{n}</c> (<see cref="Registers.RegistersView.ReservedLineId"/>).</summary>
    public static string FromRegisterLine(string lineId)
    {
        var dash = lineId.LastIndexOf('-');
        return Id(NumberReservation.StreamId(lineId[..dash]), int.Parse(lineId[(dash + 1)..], CultureInfo.InvariantCulture));
    }

    public static bool TryParse(string id, out string reservationStream, out int number)
    {
        var hash = id.LastIndexOf('#');
        (reservationStream, number) = ("", 0);
        if (!id.StartsWith(NumberReservation.StreamPrefix, StringComparison.Ordinal) || hash < 0
            || !int.TryParse(id[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out number)) return false;
        reservationStream = id[..hash];
        return true;
    }

    /// <summary>The register line of a name of the list.</summary>
    public static string RegisterLine(string reservationStream, int number) =>
        Registers.RegistersView.ReservedLineId(reservationStream[NumberReservation.StreamPrefix.Length..], number);

    /// <summary>What the reservation's stream says of one number's keeping: whose, whether it went out on paper, whether it was destroyed.</summary>
    public static LetterKeeping Keeping(IReadOnlyList<RecordedEvent> reservation, int number, EventTypes types)
    {
        var k = new LetterKeeping(null, RetentionClass.TenYears, false, false, null, reservation.Count);
        foreach (var e in reservation)
            k = types.Deserialize(e) switch
            {
                NumberReserved r when r.Number == number => k with { OrganizationId = r.OrganizationId },
                LetterDestroyed { Number: { } n } when n == number => k with { Destroyed = true },
                _ => k,
            };
        return k;
    }
}
