using LocalMultimodal.Jinja.Lexing;
using LocalMultimodal.Jinja.Library;
using LocalMultimodal.Jinja.Nodes;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Parsing;

/// <summary>
/// Jinja2's grammar as a recursive-descent parser. Every nesting (brackets, unary operators, blocks, and each
/// link of an operator, filter or attribute chain) counts against <see cref="JinjaOptions.MaxNestingDepth"/>,
/// so neither parsing nor evaluating a hostile template can overflow the stack.
/// </summary>
internal sealed partial class Parser
{
    private readonly SourceText _source;
    private readonly List<Token> _tokens;
    private readonly int _maxDepth;
    private int _index;
    private int _depth;
    private int _loops;

    /// <summary>For each macro being parsed, which of <c>varargs</c>, <c>kwargs</c> and <c>caller</c> its body uses.</summary>
    private readonly Stack<HashSet<string>> _macroNames = new();

    private Parser(SourceText source, List<Token> tokens, int maxDepth)
    {
        _source = source;
        _tokens = tokens;
        _maxDepth = maxDepth;
    }

    private Token Current => _tokens[_index];

    private Token Peek => _tokens[Math.Min(_index + 1, _tokens.Count - 1)];

    public static Stmt[] Parse(string text, JinjaOptions options)
    {
        var source = new SourceText(text);
        var parser = new Parser(source, Lexer.Tokenize(source), options.MaxNestingDepth);
        Stmt[] body = parser.ParseBody([], out _);
        return body;
    }

    private int Line(Token token) => _source.Line(token.Position);

    private JinjaParseException Error(string message, Token? at = null) => _source.Error(message, (at ?? Current).Position);

    private Token Next() => _tokens[_index++];

    private void Nest()
    {
        if (++_depth > _maxDepth)
        {
            throw Error($"the template nests deeper than {_maxDepth} levels (JinjaOptions.MaxNestingDepth)");
        }
    }

    private void Unnest(int count = 1) => _depth -= count;

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => "end of template",
        TokenKind.BlockEnd => "end of statement block",
        TokenKind.VariableEnd => "end of print statement",
        TokenKind.Data => "template data",
        TokenKind.String => "string",
        TokenKind.Integer or TokenKind.Float => "number",
        _ => $"'{token.Text}'",
    };

    private Token ExpectOperator(string op)
    {
        if (!Current.IsOperator(op))
        {
            throw Error($"expected '{op}', got {Describe(Current)}");
        }

        return Next();
    }

    private string ExpectName()
    {
        if (Current.Kind != TokenKind.Name)
        {
            throw Error($"expected a name, got {Describe(Current)}");
        }

        return Next().Text;
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Error($"expected {what}, got {Describe(Current)}");
        }

        _index++;
    }

    private bool SkipOperator(string op)
    {
        if (Current.IsOperator(op))
        {
            _index++;
            return true;
        }

        return false;
    }

    private bool SkipName(string name)
    {
        if (Current.IsName(name))
        {
            _index++;
            return true;
        }

        return false;
    }

    /// <summary>Statements up to one of <paramref name="endTags"/> (the tag name is consumed and returned) or the end.</summary>
    private Stmt[] ParseBody(string[] endTags, out string endTag)
    {
        var body = new List<Stmt>();
        while (true)
        {
            Token token = Current;
            switch (token.Kind)
            {
                case TokenKind.Data:
                    _index++;
                    body.Add(new TextOutput(Line(token), token.Text));
                    break;
                case TokenKind.VariableBegin:
                    _index++;
                    Expr value = ParseTuple(withCondition: true, explicitParentheses: false);
                    Expect(TokenKind.VariableEnd, "'}}'");
                    body.Add(new PrintOutput(Line(token), value));
                    break;
                case TokenKind.BlockBegin:
                    if (Peek.Kind == TokenKind.Name && Array.IndexOf(endTags, Peek.Text) >= 0)
                    {
                        _index += 2;
                        endTag = _tokens[_index - 1].Text;
                        return [.. body];
                    }

                    _index++;
                    body.Add(ParseStatement(token));
                    break;
                case TokenKind.End:
                    if (endTags.Length > 0)
                    {
                        throw Error($"unexpected end of template; Jinja was looking for the following tags: {string.Join(" or ", endTags.Select(t => $"'{t}'"))}");
                    }

                    endTag = string.Empty;
                    return [.. body];
                default:
                    throw Error($"unexpected {Describe(token)}");
            }
        }
    }

    private Stmt ParseStatement(Token begin)
    {
        Nest();
        Token nameToken = Current;
        string name = ExpectName();
        int line = Line(begin);
        Stmt statement = name switch
        {
            "if" => ParseIf(line),
            "for" => ParseFor(line),
            "set" => ParseSet(line),
            "macro" => ParseMacro(line),
            "call" => ParseCallBlock(line),
            "filter" => ParseFilterBlock(line),
            "with" => ParseWith(line),
            "break" or "continue" => ParseLoopControl(line, name, nameToken),
            "generation" => ParseGeneration(line),
            _ => throw Error($"Encountered unknown tag '{name}'.", nameToken),
        };
        Unnest();
        return statement;
    }

    private void EndBlock() => Expect(TokenKind.BlockEnd, "'%}'");

    private Stmt ParseIf(int line)
    {
        var conditions = new List<Expr>();
        var bodies = new List<Stmt[]>();
        Stmt[]? otherwise = null;
        while (true)
        {
            conditions.Add(ParseTuple(withCondition: true, explicitParentheses: false));
            EndBlock();
            bodies.Add(ParseBody(["elif", "else", "endif"], out string tag));
            if (tag == "elif")
            {
                continue;
            }

            if (tag == "else")
            {
                EndBlock();
                otherwise = ParseBody(["endif"], out _);
            }

            EndBlock();
            return new IfStatement(line, [.. conditions], [.. bodies], otherwise);
        }
    }

    private Stmt ParseFor(int line)
    {
        Target target = ParseAssignTarget(allowNamespace: false, "in");
        if (!SkipName("in"))
        {
            throw Error($"expected 'in', got {Describe(Current)}");
        }

        Expr items = ParseTuple(withCondition: false, explicitParentheses: false, "recursive");
        Expr? filter = SkipName("if") ? ParseExpression() : null;
        bool recursive = SkipName("recursive");

        EndBlock();
        _loops++;
        Stmt[] body = ParseBody(["endfor", "else"], out string tag);
        _loops--;
        Stmt[]? otherwise = null;
        if (tag == "else")
        {
            EndBlock();
            otherwise = ParseBody(["endfor"], out _);
        }

        EndBlock();
        return new ForStatement(line, target, items, filter, recursive, body, otherwise);
    }

    private Stmt ParseLoopControl(int line, string name, Token at)
    {
        if (_loops == 0)
        {
            throw Error($"'{name}' outside of a loop", at);
        }

        EndBlock();
        return new LoopControl(line, name == "break" ? Flow.Break : Flow.Continue);
    }

    private Stmt ParseSet(int line)
    {
        Target target = ParseAssignTarget(allowNamespace: true);
        if (SkipOperator("="))
        {
            Expr value = ParseTuple(withCondition: true, explicitParentheses: false);
            EndBlock();
            return new SetStatement(line, target, value);
        }

        FilterExpression[] filters = ParseFilterChain(requireFirst: false);
        EndBlock();
        Stmt[] body = ParseBody(["endset"], out _);
        EndBlock();
        return new SetBlockStatement(line, target, body, filters);
    }

    private Stmt ParseFilterBlock(int line)
    {
        FilterExpression[] filters = ParseFilterChain(requireFirst: true);
        EndBlock();
        Stmt[] body = ParseBody(["endfilter"], out _);
        EndBlock();
        return new FilterBlock(line, body, filters);
    }

    /// <summary>The <c>name(args) | name2</c> chain of a filter block or block set, applied to a placeholder.</summary>
    private FilterExpression[] ParseFilterChain(bool requireFirst)
    {
        var filters = new List<FilterExpression>();
        if (requireFirst || Current.IsOperator("|"))
        {
            if (!requireFirst)
            {
                _index++;
            }

            do
            {
                filters.Add(ParseFilter(new Constant(null)));
            }
            while (SkipOperator("|"));
        }

        return [.. filters];
    }

    private Stmt ParseWith(int line)
    {
        var targets = new List<Target>();
        var values = new List<Expr>();
        while (Current.Kind != TokenKind.BlockEnd)
        {
            if (targets.Count > 0)
            {
                ExpectOperator(",");
            }

            targets.Add(ParseAssignTarget(allowNamespace: false));
            ExpectOperator("=");
            values.Add(ParseExpression());
        }

        EndBlock();
        Stmt[] body = ParseBody(["endwith"], out _);
        EndBlock();
        return new WithStatement(line, [.. targets], [.. values], body);
    }

    /// <summary>Hugging Face's <c>{% generation %}</c> marks assistant text for masks; rendering passes its body through.</summary>
    private Stmt ParseGeneration(int line)
    {
        EndBlock();
        Stmt[] body = ParseBody(["endgeneration"], out _);
        EndBlock();
        return new IfStatement(line, [new Constant(true)], [body], null);
    }

    private Stmt ParseMacro(int line)
    {
        string name = ExpectName();
        var (parameters, defaults) = ParseSignature();
        EndBlock();
        int loops = _loops;
        _loops = 0;
        _macroNames.Push([]);
        Stmt[] body = ParseBody(["endmacro"], out _);
        HashSet<string> uses = _macroNames.Pop();
        _loops = loops;
        EndBlock();
        return new MacroStatement(line, new MacroDefinition(name, parameters, defaults, body, uses));
    }

    private (string[] Parameters, Expr?[] Defaults) ParseSignature()
    {
        var parameters = new List<string>();
        var defaults = new List<Expr?>();
        ExpectOperator("(");
        while (!Current.IsOperator(")"))
        {
            if (parameters.Count > 0)
            {
                ExpectOperator(",");
                if (Current.IsOperator(")"))
                {
                    break;
                }
            }

            Token at = Current;
            string parameter = ExpectName();
            if (parameters.Contains(parameter))
            {
                throw Error($"duplicate parameter '{parameter}'", at);
            }

            parameters.Add(parameter);
            Expr? fallback = SkipOperator("=") ? ParseExpression() : null;
            if (fallback is null && defaults.Count > 0 && defaults[^1] is not null)
            {
                throw Error("non-default argument follows default argument", at);
            }

            defaults.Add(fallback);
        }

        _index++;
        return ([.. parameters], [.. defaults]);
    }

    private Stmt ParseCallBlock(int line)
    {
        var (parameters, defaults) = Current.IsOperator("(") ? ParseSignature() : ([], []);
        Token at = Current;
        if (ParseExpression() is not CallExpression call)
        {
            throw Error("expected a call", at);
        }

        EndBlock();
        int loops = _loops;
        _loops = 0;
        _macroNames.Push([]);
        Stmt[] body = ParseBody(["endcall"], out _);
        HashSet<string> uses = _macroNames.Pop();
        _loops = loops;
        EndBlock();
        return new CallBlock(line, new MacroDefinition("caller", parameters, defaults, body, uses), call);
    }

    private Target ParseAssignTarget(bool allowNamespace, string? endName = null)
    {
        var items = new List<Target>();
        bool isTuple = false;
        while (true)
        {
            Token at = Current;
            string name = ExpectName();
            if (allowNamespace && Current.IsOperator("."))
            {
                _index++;
                items.Add(Target.NamespaceAttribute(name, ExpectName()));
            }
            else
            {
                items.Add(Target.Name(name));
            }

            if (name is "true" or "false" or "none" or "True" or "False" or "None")
            {
                throw Error($"can't assign to '{name}'", at);
            }

            if (!Current.IsOperator(","))
            {
                break;
            }

            _index++;
            isTuple = true;
            if (Current.Kind != TokenKind.Name || (endName is not null && Current.IsName(endName)))
            {
                break;
            }
        }

        return isTuple ? Target.Tuple([.. items]) : items[0];
    }
}
