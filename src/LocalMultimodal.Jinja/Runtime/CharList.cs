using System.Collections;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>The characters of a string without surrogate pairs, as one-character strings, without copying it.</summary>
internal sealed class CharList(string text) : IReadOnlyList<string>
{
    public int Count => text.Length;

    public string this[int index] => text[index].ToString();

    public IEnumerator<string> GetEnumerator()
    {
        foreach (char c in text)
        {
            yield return c.ToString();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
