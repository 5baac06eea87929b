namespace Saraban.Documents.Rendering.Thai;

/// <summary>
/// Lends ICU line breakers to concurrent renders: opening an ICU iterator costs far more than
/// using one, and an iterator may not be shared between threads.
/// </summary>
/// <remarks>
/// A few slots taken and returned with one atomic exchange each: a ConcurrentBag took a lock
/// whenever one thread's returned breaker was stolen by another, which with two rendering threads
/// was most paragraphs. The slots bound how many idle breakers are kept; a surplus one is closed.
/// </remarks>
public sealed class LineBreakerPool : IDisposable
{
    private readonly ThaiLineBreaker?[] _idle = new ThaiLineBreaker?[Math.Max(2, Environment.ProcessorCount * 2)];

    public List<string> Break(string text, double firstWidth, double width, Func<string, double> measure)
    {
        var breaker = Rent();
        try
        {
            return breaker.Break(text, firstWidth, width, measure);
        }
        finally
        {
            Return(breaker);
        }
    }

    public void Dispose()
    {
        for (var i = 0; i < _idle.Length; i++)
        {
            Interlocked.Exchange(ref _idle[i], null)?.Dispose();
        }
    }

    private ThaiLineBreaker Rent()
    {
        for (var i = 0; i < _idle.Length; i++)
        {
            if (Interlocked.Exchange(ref _idle[i], null) is { } breaker)
            {
                return breaker;
            }
        }

        return new ThaiLineBreaker();
    }

    private void Return(ThaiLineBreaker breaker)
    {
        for (var i = 0; i < _idle.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _idle[i], breaker, null) is null)
            {
                return;
            }
        }

        breaker.Dispose();
    }
}
