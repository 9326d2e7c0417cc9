using System.Text.Json.Nodes;
using LocalMultimodal.Jinja.Nodes;
using LocalMultimodal.Jinja.Parsing;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja;

/// <summary>
/// A Jinja template rendered the way Hugging Face's <c>apply_chat_template</c> renders chat templates with
/// Jinja2: <c>trim_blocks</c> and <c>lstrip_blocks</c> on, <c>break</c>/<c>continue</c>, <c>raise_exception</c>,
/// <c>strftime_now</c> and HF's <c>tojson</c>, inside an immutable sandbox with limits. Parse once, render
/// many times; a parsed template is immutable and safe to render from several threads at once.
/// </summary>
public sealed class JinjaTemplate
{
    private const int MaxOutputCapacityHint = 64 * 1024;

    private readonly Stmt[] _body;
    private readonly JinjaOptions _options;

    /// <summary>
    /// The length of the last output: the next render of the same template (the chat so far plus one turn) starts
    /// with a buffer that size instead of growing one block at a time. Capped, so that one huge render does not
    /// make every later one allocate that much.
    /// </summary>
    private int _lastOutputLength;

    private JinjaTemplate(Stmt[] body, JinjaOptions options)
    {
        _body = body;
        _options = options;
    }

    /// <summary>Parses a template; a syntax error throws <see cref="JinjaParseException"/> with its line and column.</summary>
    /// <param name="source">The template text, e.g. the <c>chat_template</c> of a model.</param>
    /// <param name="options">Limits; <see cref="JinjaOptions.Default"/> when null. Renders use these unless given others.</param>
    public static JinjaTemplate Parse(string source, JinjaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= JinjaOptions.Default;
        options.Validate();
        return new JinjaTemplate(Parser.Parse(source, options), options);
    }

    /// <summary>
    /// Renders with the given variables (e.g. <c>messages</c>, <c>tools</c>, <c>add_generation_prompt</c>,
    /// <c>bos_token</c>, <c>eos_token</c> and any template options). Values may be strings, numbers, booleans,
    /// null, dictionaries, lists, <see cref="JsonNode"/>s or <see cref="System.Text.Json.JsonElement"/>s; the
    /// template gets its own copy, so it can never change them.
    /// </summary>
    /// <exception cref="JinjaRenderException">The template failed, hit a limit, or called <c>raise_exception</c>.</exception>
    /// <exception cref="ArgumentException">A context value has a type a template cannot use; the message names it.</exception>
    public string Render(IEnumerable<KeyValuePair<string, object?>> context, JinjaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new Scope(Globals.Scope);
        foreach (var (name, value) in context)
        {
            root.Set(name, ValueConverter.FromNet(value, name));
        }

        return Render(root, options);
    }

    /// <summary>Renders with the members of a JSON object as the variables.</summary>
    /// <exception cref="JinjaRenderException">The template failed, hit a limit, or called <c>raise_exception</c>.</exception>
    public string Render(JsonObject context, JinjaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Render(context.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)), options);
    }

    private string Render(Scope root, JinjaOptions? options)
    {
        options ??= _options;
        options.Validate();
        var context = new RenderContext(options, Math.Min(Volatile.Read(ref _lastOutputLength), Math.Min(options.MaxOutputLength, MaxOutputCapacityHint)));
        try
        {
            Stmt.Run(_body, context, new Scope(root));
            Volatile.Write(ref _lastOutputLength, context.Output.Length);
            return context.Output.ToString();
        }
        catch (JinjaError error)
        {
            throw new JinjaRenderException(error.Message, error.Line, error.TemplateMessage);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new JinjaRenderException("the template nests too deep for the stack", 0);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException or InvalidCastException or KeyNotFoundException)
        {
            // A case the library does not anticipate still ends as a render error, never as a crash of the caller.
            throw new JinjaRenderException($"the template failed: {ex.Message}", 0);
        }
    }
}
