using LocalMultimodal.Jinja.Nodes;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>A macro bound to the scope it was defined in; calling it renders its body to a string.</summary>
internal sealed class Macro(MacroDefinition definition, Scope closure) : Callable
{
    public override string Name => definition.Name;

    public override object? Invoke(RenderContext context, CallArgs args)
    {
        context.Enter();
        try
        {
            var scope = new Scope(closure);
            string[] parameters = definition.Parameters;
            List<object?>? varargs = definition.UsesVarargs ? [] : null;
            for (int i = 0; i < args.Positional.Count; i++)
            {
                if (i < parameters.Length)
                {
                    scope.Set(parameters[i], args.Positional[i]);
                }
                else if (definition.UsesVarargs)
                {
                    varargs!.Add(args.Positional[i]);
                }
                else
                {
                    throw new JinjaError($"macro '{Name}' takes not more than {parameters.Length} argument(s)");
                }
            }

            JinjaDict? kwargs = definition.UsesKwargs ? new JinjaDict() : null;
            bool[] bound = new bool[parameters.Length];
            for (int i = 0; i < Math.Min(args.Positional.Count, parameters.Length); i++)
            {
                bound[i] = true;
            }

            if (definition.UsesCaller)
            {
                scope.Set("caller", new Undefined("No caller defined"));
            }
            if (args.Named is not null)
            {
                foreach (var (key, value) in args.Named)
                {
                    int index = Array.IndexOf(parameters, key);
                    if (index >= 0)
                    {
                        if (bound[index])
                        {
                            throw new JinjaError($"macro '{Name}' got multiple values for argument '{key}'");
                        }

                        bound[index] = true;
                        scope.Set(key, value);
                    }
                    else if (key == "caller" && definition.UsesCaller)
                    {
                        scope.Set(key, value);
                    }
                    else if (definition.UsesKwargs)
                    {
                        kwargs!.Set(key, value);
                    }
                    else
                    {
                        throw new JinjaError($"macro '{Name}' takes no keyword argument '{key}'");
                    }
                }
            }

            for (int i = 0; i < parameters.Length; i++)
            {
                if (!bound[i])
                {
                    Nodes.Expr? fallback = definition.Defaults[i];
                    scope.Set(parameters[i], fallback is null
                        ? new Undefined($"parameter '{parameters[i]}' was not provided")
                        : fallback.Evaluate(context, scope));
                }
            }

            if (varargs is not null)
            {
                scope.Set("varargs", new JinjaList(varargs, isTuple: true));
            }

            if (kwargs is not null)
            {
                scope.Set("kwargs", kwargs);
            }
            return Stmt.Capture(definition.Body, context, scope);
        }
        finally
        {
            context.Leave();
        }
    }
}
