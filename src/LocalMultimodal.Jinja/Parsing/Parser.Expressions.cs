using LocalMultimodal.Jinja.Lexing;
using LocalMultimodal.Jinja.Library;
using LocalMultimodal.Jinja.Nodes;

namespace LocalMultimodal.Jinja.Parsing;

/// <summary>The expression half of the parser, following Jinja2's precedence from conditional down to primary.</summary>
internal sealed partial class Parser
{
    private Expr ParseExpression(bool withCondition = true)
    {
        Nest();
        Expr expr = withCondition ? ParseConditional() : ParseOr();
        Unnest();
        return expr;
    }

    /// <summary>One expression, or a tuple when commas follow (<c>{{ a, b }}</c>, <c>for x in a, b</c>, <c>(a, b)</c>).</summary>
    private Expr ParseTuple(bool withCondition, bool explicitParentheses, string? endName = null)
    {
        var items = new List<Expr>();
        bool isTuple = false;
        while (true)
        {
            if (items.Count > 0)
            {
                ExpectOperator(",");
            }

            if (Current.Kind is TokenKind.VariableEnd or TokenKind.BlockEnd || Current.IsOperator(")") || (endName is not null && Current.IsName(endName)))
            {
                break;
            }

            items.Add(ParseExpression(withCondition));
            if (Current.IsOperator(","))
            {
                isTuple = true;
            }
            else
            {
                break;
            }
        }

        if (!isTuple)
        {
            if (items.Count == 1)
            {
                return items[0];
            }

            if (!explicitParentheses)
            {
                throw Error($"expected an expression, got {Describe(Current)}");
            }
        }

        return new ListLiteral([.. items], isTuple: true);
    }

    private Expr ParseConditional()
    {
        Expr expr = ParseOr();
        int links = 0;
        while (SkipName("if"))
        {
            Nest();
            links++;
            Expr test = ParseOr();
            Expr? otherwise = SkipName("else") ? ParseConditional() : null;
            expr = new Conditional(test, expr, otherwise);
        }

        Unnest(links);
        return expr;
    }

    private Expr ParseOr() => ParseLogical("or", ParseAnd);

    private Expr ParseAnd() => ParseLogical("and", ParseNot);

    private Expr ParseLogical(string op, Func<Expr> operand)
    {
        Expr expr = operand();
        int links = 0;
        while (SkipName(op))
        {
            Nest();
            links++;
            expr = new BinaryExpression(op, expr, operand());
        }

        Unnest(links);
        return expr;
    }

    private Expr ParseNot()
    {
        if (Current.IsName("not") && !Peek.IsName("in"))
        {
            _index++;
            Nest();
            Expr operand = ParseNot();
            Unnest();
            return new UnaryExpression('!', operand);
        }

        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        Expr first = ParseMath1();
        var operators = new List<string>();
        var operands = new List<Expr>();
        while (true)
        {
            Token token = Current;
            if (token.Kind == TokenKind.Operator && token.Text is "==" or "!=" or "<" or ">" or "<=" or ">=")
            {
                _index++;
                operators.Add(token.Text);
            }
            else if (token.IsName("in"))
            {
                _index++;
                operators.Add("in");
            }
            else if (token.IsName("not") && Peek.IsName("in"))
            {
                _index += 2;
                operators.Add("not in");
            }
            else
            {
                break;
            }

            Nest();
            operands.Add(ParseMath1());
        }

        Unnest(operands.Count);
        return operators.Count == 0 ? first : new Comparison(first, [.. operators], [.. operands]);
    }

    private Expr ParseMath1() => ParseBinary(ParseConcat, "+", "-");

    private Expr ParseConcat() => ParseBinary(ParseMath2, "~");

    private Expr ParseMath2() => ParseBinary(ParsePower, "*", "/", "//", "%");

    private Expr ParsePower() => ParseBinary(() => ParseUnary(withFilter: true), "**");

    private Expr ParseBinary(Func<Expr> operand, params string[] operators)
    {
        Expr expr = operand();
        int links = 0;
        while (Current.Kind == TokenKind.Operator && Array.IndexOf(operators, Current.Text) >= 0)
        {
            string op = Next().Text;
            Nest();
            links++;
            expr = new BinaryExpression(op, expr, operand());
        }

        Unnest(links);
        return expr;
    }

    private Expr ParseUnary(bool withFilter)
    {
        Expr expr;
        if (Current.IsOperator("-") || Current.IsOperator("+"))
        {
            char op = Next().Text[0];
            Nest();
            expr = new UnaryExpression(op, ParseUnary(withFilter: false));
            Unnest();
        }
        else
        {
            expr = ParsePrimary();
        }

        int links = 0;
        expr = ParseTrailers(expr, withFilter, ref links);
        Unnest(links);
        return expr;
    }

    private Expr ParsePrimary()
    {
        Token token = Next();
        switch (token.Kind)
        {
            case TokenKind.Name:
                return token.Text switch
                {
                    "true" or "True" => new Constant(true),
                    "false" or "False" => new Constant(false),
                    "none" or "None" => new Constant(null),
                    _ => Lookup(token.Text),
                };
            case TokenKind.String:
                string text = token.Text;
                while (Current.Kind == TokenKind.String)
                {
                    text += Next().Text;
                }

                return new Constant(text);
            case TokenKind.Integer or TokenKind.Float:
                return new Constant(token.Number);
            case TokenKind.Operator when token.Text == "(":
                Nest();
                Expr inner = ParseTuple(withCondition: true, explicitParentheses: true);
                ExpectOperator(")");
                Unnest();
                return inner;
            case TokenKind.Operator when token.Text == "[":
                Nest();
                var items = new List<Expr>();
                while (!SkipOperator("]"))
                {
                    if (items.Count > 0)
                    {
                        ExpectOperator(",");
                        if (SkipOperator("]"))
                        {
                            break;
                        }
                    }

                    items.Add(ParseExpression());
                }

                Unnest();
                return new ListLiteral([.. items], isTuple: false);
            case TokenKind.Operator when token.Text == "{":
                Nest();
                var keys = new List<Expr>();
                var values = new List<Expr>();
                while (!SkipOperator("}"))
                {
                    if (keys.Count > 0)
                    {
                        ExpectOperator(",");
                        if (SkipOperator("}"))
                        {
                            break;
                        }
                    }

                    keys.Add(ParseExpression());
                    ExpectOperator(":");
                    values.Add(ParseExpression());
                }

                Unnest();
                return new DictLiteral([.. keys], [.. values]);
            default:
                throw Error($"unexpected {Describe(token)}", token);
        }
    }

    private NameLookup Lookup(string name)
    {
        if (_macroNames.Count > 0 && name is "varargs" or "kwargs" or "caller")
        {
            _macroNames.Peek().Add(name);
        }

        return new NameLookup(name);
    }

    /// <summary>
    /// What follows a primary: <c>.name</c>, <c>[key]</c> and calls, then (with filters) <c>| filter</c>,
    /// <c>is test</c> and calls, as Jinja2's parse_postfix and parse_filter_expr: after a filter or test only
    /// more filters, tests and calls may follow.
    /// </summary>
    private Expr ParseTrailers(Expr expr, bool withFilters, ref int links)
    {
        bool filtered = false;
        while (true)
        {
            if (!filtered && Current.IsOperator("."))
            {
                _index++;
                Token token = Next();
                expr = token.Kind switch
                {
                    TokenKind.Name => new AttributeAccess(expr, token.Text),
                    TokenKind.Integer => new ItemAccess(expr, new Constant(token.Number)),
                    _ => throw Error($"expected a name or number after '.', got {Describe(token)}", token),
                };
            }
            else if (!filtered && Current.IsOperator("["))
            {
                _index++;
                expr = ParseSubscript(expr);
            }
            else if (Current.IsOperator("("))
            {
                expr = new CallExpression(expr, ParseArguments());
            }
            else if (withFilters && Current.IsOperator("|"))
            {
                _index++;
                expr = ParseFilter(expr);
                filtered = true;
            }
            else if (withFilters && Current.IsName("is"))
            {
                _index++;
                expr = ParseTest(expr);
                filtered = true;
            }
            else
            {
                return expr;
            }

            Nest();
            links++;
        }
    }

    private Expr ParseSubscript(Expr owner)
    {
        var parts = new Expr?[3];
        int colons = 0;
        var tuple = new List<Expr>();
        while (!SkipOperator("]"))
        {
            if (Current.IsOperator(":"))
            {
                _index++;
                colons++;
                if (colons > 2)
                {
                    throw Error("a slice takes at most three parts");
                }

                continue;
            }

            if (Current.IsOperator(",") && colons == 0)
            {
                _index++;
                tuple.Add(parts[0] ?? throw Error("expected an expression before ','"));
                parts[0] = null;
                continue;
            }

            if (parts[colons] is not null)
            {
                throw Error($"expected ']', got {Describe(Current)}");
            }

            parts[colons] = ParseExpression();
        }

        if (colons > 0)
        {
            return new SliceAccess(owner, parts[0], parts[1], parts[2]);
        }

        if (tuple.Count > 0)
        {
            if (parts[0] is not null)
            {
                tuple.Add(parts[0]!);
            }

            return new ItemAccess(owner, new ListLiteral([.. tuple], isTuple: true));
        }

        return new ItemAccess(owner, parts[0] ?? throw Error("expected a subscript"));
    }

    private FilterExpression ParseFilter(Expr input)
    {
        Token at = Current;
        string name = ExpectName();
        while (SkipOperator("."))
        {
            name += "." + ExpectName();
        }

        if (!Filters.TryGet(name, out FilterFunction? filter))
        {
            throw Error($"No filter named '{name}'.", at);
        }

        Arguments arguments = Current.IsOperator("(") ? ParseArguments() : Arguments.None;
        return new FilterExpression(input, filter, arguments);
    }

    private TestExpression ParseTest(Expr input)
    {
        bool negated = SkipName("not");
        Token at = Current;
        string name = ExpectName();
        while (SkipOperator("."))
        {
            name += "." + ExpectName();
        }

        if (!Tests.TryGet(name, out TestFunction? test))
        {
            throw Error($"No test named '{name}'.", at);
        }

        Arguments arguments = Arguments.None;
        if (Current.IsOperator("("))
        {
            arguments = ParseArguments();
        }
        else if ((Current.Kind is TokenKind.Name or TokenKind.String or TokenKind.Integer or TokenKind.Float
                || Current.IsOperator("(") || Current.IsOperator("[") || Current.IsOperator("{"))
            && !(Current.IsName("else") || Current.IsName("or") || Current.IsName("and")))
        {
            if (Current.IsName("is"))
            {
                throw Error("You cannot chain multiple tests with is");
            }

            int links = 0;
            Expr argument = ParseTrailers(ParsePrimary(), withFilters: false, ref links);
            Unnest(links);
            arguments = new Arguments([argument], []);
        }

        return new TestExpression(input, test, arguments, negated);
    }

    private Arguments ParseArguments()
    {
        ExpectOperator("(");
        Nest();
        var positional = new List<Expr>();
        var named = new List<KeyValuePair<string, Expr>>();
        while (!SkipOperator(")"))
        {
            if (positional.Count + named.Count > 0)
            {
                ExpectOperator(",");
                if (SkipOperator(")"))
                {
                    break;
                }
            }

            if (Current.IsOperator("*") || Current.IsOperator("**"))
            {
                throw Error("*args and **kwargs in calls are not supported");
            }

            if (Current.Kind == TokenKind.Name && Peek.IsOperator("="))
            {
                string key = Next().Text;
                _index++;
                named.Add(new(key, ParseExpression()));
            }
            else
            {
                if (named.Count > 0)
                {
                    throw Error("positional argument follows keyword argument");
                }

                positional.Add(ParseExpression());
            }
        }

        Unnest();
        return new Arguments([.. positional], [.. named]);
    }
}
