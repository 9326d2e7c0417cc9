using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>
/// Hugging Face's <c>tojson</c> filter: <c>json.dumps(x, ensure_ascii=False, indent=None, separators=None,
/// sort_keys=False)</c>, so non-ASCII text stays as it is and the default separators are <c>", "</c> and
/// <c>": "</c> (<c>","</c> between items when indented).
/// </summary>
internal static class Json
{
    private static readonly string[] Parameters = ["ensure_ascii", "indent", "separators", "sort_keys"];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string ToJson(RenderContext context, object? value, CallArgs args)
    {
        args.Expect("tojson", 4, Parameters);
        bool ensureAscii = Py.Truthy(args.Get(0, "ensure_ascii", false));
        object? indentValue = args.Get(1, "indent");
        string? indent = indentValue switch
        {
            null => null,
            string s => s,
            long or bool => new string(' ', (int)Math.Clamp(Py.ToLong(indentValue), 0, 1000)),
            _ => throw new JinjaError("tojson: indent must be an integer or a string"),
        };
        string itemSeparator = indent is null ? ", " : ",";
        string keySeparator = ": ";
        if (args.Get(2, "separators") is JinjaList { Count: 2 } separators)
        {
            itemSeparator = separators[0] as string ?? throw new JinjaError("tojson: separators must be strings");
            keySeparator = separators[1] as string ?? throw new JinjaError("tojson: separators must be strings");
        }
        else if (args.Get(2, "separators") is not null)
        {
            throw new JinjaError("tojson: separators must be a pair of strings");
        }

        var writer = new Writer(context, new StringBuilder(), ensureAscii, indent, itemSeparator, keySeparator, Py.Truthy(args.Get(3, "sort_keys", false)));
        writer.Write(value, 0);
        return writer.Builder.ToString();
    }

    private sealed record Writer(RenderContext Context, StringBuilder Builder, bool EnsureAscii, string? Indent, string ItemSeparator, string KeySeparator, bool SortKeys)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Write(object? value, int depth)
        {
            if (depth > 500)
            {
                throw new JinjaError("tojson: the value nests too deep");
            }

            Context.CheckLength(Builder.Length);
            switch (value)
            {
                case null:
                    Builder.Append("null");
                    break;
                case bool b:
                    Builder.Append(b ? "true" : "false");
                    break;
                case long l:
                    Builder.Append(l.ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    Builder.Append(double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PyFloat.Repr(d));
                    break;
                case string s:
                    WriteString(s);
                    break;
                case JinjaList list:
                    WriteSequence(list.Items, depth);
                    break;
                case JinjaDict dict:
                    WriteObject(dict, depth);
                    break;
                default:
                    throw new JinjaError($"Object of type {Py.TypeName(value)} is not JSON serializable");
            }
        }

        private void NewLine(int depth)
        {
            if (Indent is not null)
            {
                Builder.Append('\n');
                for (int i = 0; i < depth; i++)
                {
                    Builder.Append(Indent);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void WriteSequence(List<object?> items, int depth)
        {
            if (items.Count == 0)
            {
                Builder.Append("[]");
                return;
            }

            Builder.Append('[');
            for (int i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    Builder.Append(ItemSeparator);
                }

                NewLine(depth + 1);
                Write(items[i], depth + 1);
            }

            NewLine(depth);
            Builder.Append(']');
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void WriteObject(JinjaDict dict, int depth)
        {
            if (dict.Count == 0)
            {
                Builder.Append("{}");
                return;
            }

            Builder.Append('{');
            if (SortKeys)
            {
                // OrderBy is stable, as Python's sort is.
                int i = 0;
                foreach (var (key, item) in dict.Items.Select(p => (Key: KeyText(JinjaDict.Unkey(p.Key)), p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    WriteMember(i++, key, item, depth);
                }
            }
            else
            {
                int i = 0;
                foreach (var (key, item) in dict.Items)
                {
                    WriteMember(i++, KeyText(JinjaDict.Unkey(key)), item, depth);
                }
            }

            NewLine(depth);
            Builder.Append('}');
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void WriteMember(int index, string key, object? item, int depth)
        {
            if (index > 0)
            {
                Builder.Append(ItemSeparator);
            }

            NewLine(depth + 1);
            WriteString(key);
            Builder.Append(KeySeparator);
            Write(item, depth + 1);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static string KeyText(object? key) => key switch
        {
            string s => s,
            null => "null",
            bool b => b ? "true" : "false",
            long or double => Py.Str(key),
            _ => throw new JinjaError($"keys must be str, int, float, bool or None, not {Py.TypeName(key)}"),
        };

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void WriteString(string s)
        {
            Builder.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': Builder.Append("\\\""); break;
                    case '\\': Builder.Append("\\\\"); break;
                    case '\n': Builder.Append("\\n"); break;
                    case '\r': Builder.Append("\\r"); break;
                    case '\t': Builder.Append("\\t"); break;
                    case '\b': Builder.Append("\\b"); break;
                    case '\f': Builder.Append("\\f"); break;
                    default:
                        if (c < 0x20 || (EnsureAscii && c > 0x7e))
                        {
                            Builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            Builder.Append(c);
                        }

                        break;
                }
            }

            Builder.Append('"');
        }
    }
}
