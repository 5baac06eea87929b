using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Routing;

/// <param name="Subject">The stream the routing moves along (the received letter).</param>
public sealed record RoutingStarted(string InstanceId, string Workflow, int Version, string OrganizationId, string Subject, string Step, DateTimeOffset? DueAt);
public sealed record RoutingStepCompleted(string Step, string UserId, IReadOnlyList<string> PositionLines, string? NextStep, DateTimeOffset? NextDueAt);
/// <summary>Recorded once when a step waits past its due time: the reminder a timer raises.</summary>
public sealed record RoutingStepOverdue(string Step, DateTimeOffset DueAt);

/// <summary>The routing ends unfinished: its letter was recalled by the sender or returned to it, so no step waits any more.</summary>
public sealed record RoutingWithdrawn(string Reason, string UserId);

/// <summary>One letter's way through a routing (stream <c>flow-{id}</c>): which step waits, since when, until when.</summary>
public sealed record RoutingInstance(long Version, RoutingStarted? Start, string? Current, DateTimeOffset? DueAt, bool Overdue)
{
    public static readonly RoutingInstance Empty = new(0, null, null, null, false);

    public static string StreamId(string instanceId) => $"flow-{instanceId}";

    public static EventTypes Register(EventTypes types) => types
        .Register<RoutingStarted>("routing-started")
        .Register<RoutingStepCompleted>("routing-step-completed")
        .Register<RoutingStepOverdue>("routing-step-overdue")
        .Register<RoutingWithdrawn>("routing-withdrawn");

    public RoutingInstance Apply(object e) => (e switch
    {
        RoutingStarted s => this with { Start = s, Current = s.Step, DueAt = s.DueAt },
        RoutingStepCompleted c => this with { Current = c.NextStep, DueAt = c.NextDueAt, Overdue = false },
        RoutingStepOverdue => this with { Overdue = true },
        RoutingWithdrawn => this with { Current = null, DueAt = null, Overdue = false },
        _ => this,
    }) with { Version = Version + 1 };

    public static RoutingStarted DecideStart(RoutingDefinition definition, string instanceId, string organizationId, string subject, DateTimeOffset now) =>
        new(instanceId, definition.Name, definition.Version, organizationId, subject, definition.First.Name, now + definition.First.Due);

    /// <summary>The current step, done by someone allowed to do it; anything else is refused.</summary>
    public static RoutingStepCompleted DecideComplete(RoutingInstance state, RoutingDefinition definition, string step, Func<RoutingStep, Actor> authorize, DateTimeOffset now)
    {
        if (state.Start is null) throw new DomainException("ไม่พบงานนี้ (no such routing).");
        if (state.Current is null) throw new DomainException($"งานนี้เสร็จสิ้นแล้ว ขั้นตอน '{step}' ทำไปแล้ว (the routing is finished).");
        if (state.Current != step)
            throw new DomainException($"ขั้นตอนที่รออยู่คือ '{state.Current}' ไม่ใช่ '{step}' (step '{step}' is not the one waiting: done already, or not yet).");
        var current = definition.Step(step);
        var actor = authorize(current);
        var next = current.Next is null ? null : definition.Step(current.Next);
        return new RoutingStepCompleted(step, actor.User.Id, actor.PositionLines, next?.Name, next is null ? null : now + next.Due);
    }
}
