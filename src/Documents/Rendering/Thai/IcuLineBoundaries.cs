using System.Runtime.InteropServices;

namespace Saraban.Documents.Rendering.Thai;

/// <summary>
/// ICU's Thai line-break iterator called directly (<c>ubrk_*</c> in the system's libicuuc): icu.net
/// asks ICU for every boundary's rule status and allocates an array for each, a large share of a
/// letter's allocations; here a paragraph costs its boundaries and nothing else. Not thread-safe:
/// one instance per <see cref="ThaiLineBreaker"/>.
/// </summary>
/// <remarks>
/// ICU exports its functions with its major version as a suffix (<c>ubrk_open_72</c>), so the
/// library and the names are probed once. Where none is found, <see cref="TryCreate"/> returns
/// null and the line breaker uses icu.net instead.
/// </remarks>
internal sealed class IcuLineBoundaries : IDisposable
{
    private const int LineBreaks = 2; // UBRK_LINE
    private const int Done = -1; // UBRK_DONE

    // Found once per process: the addresses of a loaded system library, never changed after.
    private static readonly Lazy<Exports?> Icu = new(Exports.Find);

    private readonly Exports _icu;
    private readonly nint _iterator;

    private IcuLineBoundaries(Exports icu, nint iterator)
    {
        _icu = icu;
        _iterator = iterator;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate nint OpenFn(int type, [MarshalAs(UnmanagedType.LPStr)] string locale, nint text, int length, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetTextFn(nint iterator, nint text, int length, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int NextFn(nint iterator);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void CloseFn(nint iterator);

    /// <summary>A Thai line iterator, or null when the system's ICU cannot be called directly.</summary>
    public static IcuLineBoundaries? TryCreate()
    {
        if (Icu.Value is not { } icu)
        {
            return null;
        }

        var status = 0;
        var iterator = icu.Open(LineBreaks, "th", 0, 0, ref status);
        return status > 0 || iterator == 0 ? null : new IcuLineBoundaries(icu, iterator);
    }

    /// <summary>Replaces <paramref name="into"/>'s contents with the offsets where a line may end in <paramref name="text"/>.</summary>
    public void Find(string text, List<int> into)
    {
        into.Clear();
        // ICU reads the caller's buffer while iterating: the string stays pinned until the last boundary.
        var pin = GCHandle.Alloc(text, GCHandleType.Pinned);
        try
        {
            var status = 0;
            _icu.SetText(_iterator, pin.AddrOfPinnedObject(), text.Length, ref status);
            if (status > 0)
            {
                throw new InvalidOperationException($"ICU ubrk_setText failed with status {status}");
            }

            for (var b = _icu.Next(_iterator); b != Done; b = _icu.Next(_iterator))
            {
                into.Add(b);
            }

            // Leave ICU pointing at no text once the pin is released.
            _icu.SetText(_iterator, 0, 0, ref status);
        }
        finally
        {
            pin.Free();
        }
    }

    public void Dispose() => _icu.Close(_iterator);

    private sealed record Exports(OpenFn Open, SetTextFn SetText, NextFn Next, CloseFn Close)
    {
        public static Exports? Find()
        {
            foreach (var (library, suffix) in Candidates())
            {
                if (!NativeLibrary.TryLoad(library, out var handle))
                {
                    continue;
                }

                if (NativeLibrary.TryGetExport(handle, "ubrk_open" + suffix, out var open)
                    && NativeLibrary.TryGetExport(handle, "ubrk_setText" + suffix, out var setText)
                    && NativeLibrary.TryGetExport(handle, "ubrk_next" + suffix, out var next)
                    && NativeLibrary.TryGetExport(handle, "ubrk_close" + suffix, out var close))
                {
                    return new Exports(
                        Marshal.GetDelegateForFunctionPointer<OpenFn>(open),
                        Marshal.GetDelegateForFunctionPointer<SetTextFn>(setText),
                        Marshal.GetDelegateForFunctionPointer<NextFn>(next),
                        Marshal.GetDelegateForFunctionPointer<CloseFn>(close));
                }
            }

            return null;
        }

        private static IEnumerable<(string Library, string Suffix)> Candidates()
        {
            for (var version = 90; version >= 50; version--)
            {
                yield return ($"libicuuc.so.{version}", $"_{version}");
            }

            yield return ("libicuuc.so", string.Empty);
        }
    }
}
