namespace LocalMultimodal.Jinja.Runtime;

/// <summary>Stands for <c>None</c> as a dictionary key, where null cannot be stored.</summary>
internal sealed class PyNone
{
    public static readonly PyNone Instance = new();

    private PyNone()
    {
    }
}
