using System.Collections.Concurrent;

namespace Saraban.Documents.Rendering.Thai;

/// <summary>
/// Lends ICU line breakers to concurrent renders: opening an ICU iterator costs far more than
/// using one, and an iterator may not be shared between threads.
/// </summary>
public sealed class LineBreakerPool : IDisposable
{
    private readonly ConcurrentBag<ThaiLineBreaker> _idle = [];

    public List<string> Break(string text, double firstWidth, double width, Func<string, double> measure)
    {
        var breaker = _idle.TryTake(out var idle) ? idle : new ThaiLineBreaker();
        try
        {
            return breaker.Break(text, firstWidth, width, measure);
        }
        finally
        {
            _idle.Add(breaker);
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var breaker))
        {
            breaker.Dispose();
        }
    }
}
