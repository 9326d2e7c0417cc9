namespace LocalMultimodal.Jinja.Lexing;

/// <summary>One token; <see cref="Text"/> is the data, name, operator or decoded string, <see cref="Number"/> a literal's value.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, object? Number = null)
{
    public bool IsName(string name) => Kind == TokenKind.Name && Text == name;

    public bool IsOperator(string op) => Kind == TokenKind.Operator && Text == op;
}
