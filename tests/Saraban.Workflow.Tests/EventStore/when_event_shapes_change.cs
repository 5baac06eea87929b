using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Tests.EventStore;

public sealed class when_event_shapes_change
{
    private sealed record LetterRegisteredV1(string Subject);
    private sealed record LetterRegistered(string Subject, string Urgency);

    private static RecordedEvent Stored(string type, string data) =>
        new(42, "letter-1", 1, Guid.NewGuid(), type, data, Events.Clerk, DateTimeOffset.UtcNow);

    [Fact]
    public void events_are_stored_under_their_stable_name_not_the_class_name()
    {
        var types = new EventTypes().Register<LetterRegistered>("letter-registered.v2");

        var data = types.ToEventData(new LetterRegistered("ประชุม", "ด่วนที่สุด"), Events.Clerk);

        Assert.Equal("letter-registered.v2", data.Type);
        Assert.Equal("""{"subject":"ประชุม","urgency":"ด่วนที่สุด"}""", data.Data);
    }

    [Fact]
    public void an_old_shape_is_upcast_to_the_current_one_on_read()
    {
        var types = new EventTypes()
            .Register<LetterRegistered>("letter-registered.v2")
            .Upcast("letter-registered.v1", "letter-registered.v2", old => { old["urgency"] = "ปกติ"; return old; });

        var e = types.Deserialize(Stored("letter-registered.v1", """{"subject":"ประชุม"}"""));

        Assert.Equal(new LetterRegistered("ประชุม", "ปกติ"), e);
    }

    [Fact]
    public void an_unknown_type_on_read_is_a_clear_error_naming_type_and_position()
    {
        var types = new EventTypes().Register<LetterRegisteredV1>("letter-registered.v1");

        var ex = Assert.Throws<UnknownEventTypeException>(() => types.Deserialize(Stored("letter-shredded", "{}")));

        Assert.Contains("'letter-shredded'", ex.Message);
        Assert.Contains("position 42", ex.Message);
    }

    [Fact]
    public void an_event_that_does_not_fit_its_type_is_a_clear_error()
    {
        var types = new EventTypes().Register<LetterRegisteredV1>("letter-registered.v1");

        var ex = Assert.Throws<EventStoreException>(() => types.Deserialize(Stored("letter-registered.v1", "[1,2]")));

        Assert.Contains("position 42", ex.Message);
    }
}
