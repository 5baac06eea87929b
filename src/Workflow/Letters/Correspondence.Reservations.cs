using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Numbering;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Letters;

/// <summary>The numbers a clerk takes ahead (จองเลข), for letters the head signs on paper.</summary>
public sealed record Reservation(string ReservationId, IReadOnlyList<NumberReserved> Numbers);

public sealed partial class Correspondence
{
    /// <summary>How many numbers one reservation may take, and when an unused one is flagged.</summary>
    public ReservationPolicy Reservations { get; init; } = ReservationPolicy.Default;

    /// <summary>
    /// Takes the next <paramref name="count"/> numbers of one of the office's outgoing books for
    /// this year. Each is a line of the register at once, marked reserved, until it is used or
    /// cancelled: the book never skips or reissues a number.
    /// </summary>
    public async Task<Reservation> ReserveNumbersAsync(string userId, string organizationId, NumberSeries series, int count, string? purpose,
        CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var clerk = access.Authorize(userId, Permission.Dispatch, organizationId, now);
        var note = NumberReservation.CheckReserve(series, count, purpose, Reservations);
        var office = directory.Current.Get(organizationId);
        var id = Guid.CreateVersion7().ToString("N");
        var year = BangkokTime.DateOf(now).Year;
        var meta = Meta(clerk, null);
        IReadOnlyList<NumberReserved> reserved = [];
        await numbers.IssueAsync(organizationId, series, year, count, NumberReservation.StreamId(id), first =>
        {
            reserved = NumberReservation.DecideReserve(id, organizationId, office.LetterPrefix, series, year, first, count, note, clerk.User.Id);
            return [new StreamAppend(NumberReservation.StreamId(id), ExpectedVersion.NoStream, reserved.Select(r => types.ToEventData(r, meta)).ToList())];
        }, meta, ct);
        return new Reservation(id, reserved);
    }

    /// <summary>Enters the letter signed on paper under a reserved number in the dispatch register.</summary>
    public async Task UseReservedNumberAsync(string userId, string reservationId, int number, string? subject, string? addresseeName, DateOnly date,
        CancellationToken ct = default)
    {
        var (state, version) = await LoadReservationAsync(reservationId, ct);
        var now = clock.GetUtcNow();
        var clerk = access.Authorize(userId, Permission.Dispatch, state.OrganizationId ?? "?", now);
        var used = NumberReservation.DecideUse(state, number, subject, addresseeName, date, BangkokTime.DateOf(now), null, clerk.User.Id);
        await store.AppendAsync(NumberReservation.StreamId(reservationId), ExpectedVersion.Exactly(version), [types.ToEventData(used, Meta(clerk, null))], ct);
    }

    public async Task CancelReservedNumberAsync(string userId, string reservationId, int number, string? reason, CancellationToken ct = default)
    {
        var (state, version) = await LoadReservationAsync(reservationId, ct);
        var clerk = access.Authorize(userId, Permission.Dispatch, state.OrganizationId ?? "?", clock.GetUtcNow());
        var cancelled = NumberReservation.DecideCancel(state, number, reason, clerk.User.Id);
        await store.AppendAsync(NumberReservation.StreamId(reservationId), ExpectedVersion.Exactly(version), [types.ToEventData(cancelled, Meta(clerk, null))], ct);
    }

    /// <summary>
    /// Dispatches one of the system's letters under a reserved number instead of the book's next:
    /// the letter's dispatch and the number's use are one transaction, so two letters never share it.
    /// </summary>
    public async Task<LetterDispatched> DispatchReservedAsync(string userId, string letterId, string reservationId, int number, CancellationToken ct = default)
    {
        var (state, version) = await LoadOutgoingAsync(letterId, ct);
        var now = clock.GetUtcNow();
        var clerk = access.Authorize(userId, Permission.Dispatch, OfficeOf(state), now);
        if (state.Dispatch is { } done) return done;
        OutgoingLetter.CheckDispatchable(state);
        var (reservation, reservationVersion) = await LoadReservationAsync(reservationId, ct);
        if (reservation.OrganizationId != state.OrganizationId) throw new NumberingException("ไม่พบการจองเลขนี้ในหน่วยงานของหนังสือ (no such reservation in the letter's office).");
        var series = OutgoingLetter.SeriesOf(state.Content!);
        if (reservation.Series != series)
            throw new NumberingException(series == NumberSeries.OutgoingCircular
                ? "หนังสือเวียนใช้เลขที่จองจากทะเบียนหนังสือเวียน (ว) (a circular takes a number reserved in the circulars' book)."
                : "เลขที่จองนี้เป็นของทะเบียนหนังสือเวียน ใช้กับหนังสือที่ไม่ใช่หนังสือเวียนไม่ได้ (this number is of the circulars' book).");
        var view = directory.Current;
        var date = BangkokTime.DateOf(now);
        var addressees = state.Addressees.Select(a => view.Get(a)).Select(o => new Addressee(o.Id, o.Name, o.HeadTitle)).ToList();
        var used = NumberReservation.DecideUse(reservation, number, state.Content!.Subject, string.Join(", ", addressees.Select(a => a.Name)), date, date, letterId, clerk.User.Id);
        var meta = Meta(clerk, state.OriginLetterId ?? letterId);
        var step = await StepAsync(state.Forwards, ["dispatch"], userId, meta, ct);
        var dispatched = new LetterDispatched(reservation.Numbers[number].DocumentNumber, series, number, date, addressees, view.Get(state.OrganizationId!).Name, clerk.User.Id);
        await store.AppendAsync(With(step,
            new StreamAppend(OutgoingLetter.StreamId(letterId), ExpectedVersion.Exactly(version), [types.ToEventData(dispatched, meta)]),
            new StreamAppend(NumberReservation.StreamId(reservationId), ExpectedVersion.Exactly(reservationVersion), [types.ToEventData(used, meta)])), ct);
        return dispatched;
    }

    /// <summary>A reservation, for a user of its office.</summary>
    public async Task<NumberReservation> ReadReservationAsync(string userId, string reservationId, CancellationToken ct = default)
    {
        var (state, _) = await LoadReservationAsync(reservationId, ct);
        access.Authorize(userId, Permission.Read, state.OrganizationId ?? "?", clock.GetUtcNow());
        return state;
    }

    private async Task<(NumberReservation State, long Version)> LoadReservationAsync(string reservationId, CancellationToken ct)
    {
        if (reservationId.Length is 0 or > 64) throw new NumberingException("ไม่พบการจองเลขนี้ (no such reservation).");
        var state = NumberReservation.Empty;
        foreach (var e in await store.ReadStreamAsync(NumberReservation.StreamId(reservationId), ct: ct)) state = state.Apply(types.Deserialize(e));
        if (state.Version == 0) throw new NumberingException("ไม่พบการจองเลขนี้ (no such reservation).");
        return (state, state.Version);
    }
}
