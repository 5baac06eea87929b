namespace Saraban.Workflow;

/// <summary>
/// A command refused for a reason the user can act on. The message is shown as it is: Thai first,
/// English in brackets, one line. Nothing was stored.
/// </summary>
public class DomainException(string message, Exception? inner = null) : Exception(message, inner);
