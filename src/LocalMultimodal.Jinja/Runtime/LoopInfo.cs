using System.Runtime.CompilerServices;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>
/// The <c>loop</c> variable of a for loop. In a <c>recursive</c> loop, calling it (<c>loop(children)</c>) renders
/// the loop body over other items one level deeper and returns what that wrote.
/// </summary>
internal sealed class LoopInfo(IReadOnlyList<object?> items, int depth, Func<RenderContext, object?, string>? recurse) : Callable
{
    public override string Name => "loop";

    public override object? Invoke(RenderContext context, CallArgs args)
    {
        if (recurse is null)
        {
            throw new JinjaError("Tried to call non recursive loop. Maybe you forgot the 'recursive' modifier.");
        }

        args.Expect("loop", 1);
        return recurse(context, args.Get(0, "iterable"));
    }

    public int Index0 { get; set; }

    private static readonly object ChangedSentinel = new();

    private object? LastChanged { get; set; } = ChangedSentinel;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public object? Get(string name) => name switch
    {
        "index" => (long)(Index0 + 1),
        "index0" => (long)Index0,
        "revindex" => (long)(items.Count - Index0),
        "revindex0" => (long)(items.Count - Index0 - 1),
        "first" => Index0 == 0,
        "last" => Index0 == items.Count - 1,
        "length" => (long)items.Count,
        "depth" => (long)depth,
        "depth0" => (long)(depth - 1),
        "previtem" => Index0 > 0 ? items[Index0 - 1] : new Undefined("there is no previous item"),
        "nextitem" => Index0 + 1 < items.Count ? items[Index0 + 1] : new Undefined("there is no next item"),
        "cycle" => new BuiltinFunction("cycle", (_, args) => args.Count == 0
            ? throw new JinjaError("no items for cycling given")
            : args.Positional[Index0 % args.Count]),
        "changed" => new BuiltinFunction("changed", (_, args) =>
        {
            var value = new JinjaList(args.Positional, isTuple: true);
            if (LastChanged != ChangedSentinel && Py.Equal(LastChanged, value))
            {
                return false;
            }

            LastChanged = value;
            return true;
        }),
        _ => Undefined.Attribute(this, name),
    };
}
