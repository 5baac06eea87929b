using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;

namespace Saraban.Web.Accounts;

/// <summary>
/// The keys sign-in cookies are protected with, kept in the event store (stream <c>session-keys</c>)
/// instead of each machine's home folder: several web nodes on one PostgreSQL database then accept
/// each other's cookies, and a restarted node does not sign everybody out. Anyone who can read the
/// database can read these keys, as they can read everything else in it: guard the database.
/// </summary>
internal sealed class SharedKeyRing(IEventStore store, EventTypes types) : IXmlRepository
{
    public const string StreamId = "session-keys";

    // Data protection calls these synchronously, rarely (at start and when a key is made every 90 days).
    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.ReadStreamAsync(StreamId).GetAwaiter().GetResult()
            .Select(e => XElement.Parse(((SessionKeyAdded)types.Deserialize(e)).Xml)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        store.AppendAsync(StreamId, ExpectedVersion.Any,
            [types.ToEventData(new SessionKeyAdded(element.ToString(SaveOptions.DisableFormatting)), EventMetadata.System(Guid.CreateVersion7()))])
            .GetAwaiter().GetResult();
}
