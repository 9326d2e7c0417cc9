using LocalMultimodal.Errors;
using LocalMultimodal.Generation;
using LocalMultimodal.Media;
using LocalMultimodal.Prompts;
using LocalMultimodal.Sampling;
using LocalMultimodal.Tests.Colour;
using LocalMultimodal.Tests.Models;

namespace LocalMultimodal.Tests.Grammar;

/// <summary>
/// GBNF grammars on the real engine with the colour demo model: the model answers one colour word and ends its
/// turn, so what a grammar adds or refuses shows directly in the text.
/// </summary>
[Collection(NativeModelsCollection.Name)]
public sealed class GrammarConstraintTests(ColourModelsFixture fixture)
{
    private static readonly ImageInput BlueImage = Solid(0, 0, 255);
    private static readonly ImageInput RedImage = Solid(255, 0, 0);

    [Fact]
    public async Task Grammar_ForcesTheOutput_AndEndsTheTurnWhereItIsComplete()
    {
        var result = await AskAsync(BlueImage, new GrammarConstraint("""root ::= "The colour is " ("red" | "green" | "blue") "." """));

        Assert.Equal("The colour is blue.", result.Text);
        Assert.Equal(FinishReason.Stop, result.FinishReason);
    }

    [Fact]
    public async Task Grammar_HoldsAtTemperatureOne_ForEverySeed()
    {
        var grammar = new GrammarConstraint("""
            root ::= "{\"colour\":\"" colour "\",\"sure\":" ("true" | "false") "}"
            colour ::= "red" | "blue" | "green" | "yellow"
            """);
        for (uint seed = 1; seed <= 20; seed++)
        {
            var sampling = new SamplingOptions { Temperature = 1, Seed = seed, MaxTokens = 40, Grammar = grammar };
            var result = await (await fixture.EngineAsync("gemma3")).ChatAsync(Turn(BlueImage), sampling).CollectAsync();

            Assert.Equal(FinishReason.Stop, result.FinishReason);
            Assert.Matches("""^\{"colour":"(red|blue|green|yellow)","sure":(true|false)\}$""", result.Text);
        }
    }

    [Fact]
    public async Task LazyGrammar_LetsTextThroughUntilItsTriggerPattern()
    {
        var lazy = new GrammarConstraint("""root ::= "blue" ", and that is final" """)
        {
            TriggerPatterns = ["""[\s\S]*?(blue)[\s\S]*"""],
        };

        // On red the trigger never appears: the answer is the model's own, which the grammar's root would refuse.
        Assert.Equal("red", (await AskAsync(RedImage, lazy)).Text);

        // On blue the model writes the trigger itself, and from there the grammar holds the rest.
        Assert.Equal("blue, and that is final", (await AskAsync(BlueImage, lazy)).Text);
    }

    [Fact]
    public async Task LazyGrammar_ActivatesOnItsTriggerToken()
    {
        // The model answers with its own answer-word token, not the one "blue" tokenizes to, so it is given by id.
        int blueAnswer = Assert.Single((await AskAsync(BlueImage, grammar: null)).TokenIds);
        var lazy = new GrammarConstraint("""root ::= "blue" " (checked)" """) { TriggerTokenIds = [blueAnswer] };

        Assert.Equal("red", (await AskAsync(RedImage, lazy)).Text);
        Assert.Equal("blue (checked)", (await AskAsync(BlueImage, lazy)).Text);
    }

    public static TheoryData<string, GrammarConstraint, string> BadGrammars => new()
    {
        { "unterminated literal", new GrammarConstraint("""root ::= "blue"""), "line 1, column 10: unterminated string literal" },
        { "undefined rule", new GrammarConstraint("root ::= colour\nshade ::= \"dark\""), "line 1, column 10: rule 'colour' is used but never defined" },
        { "unknown escape", new GrammarConstraint("""root ::= "a\qb" """), "unknown escape '\\q'" },
        { "groups nested too deep", new GrammarConstraint($"root ::= {new string('(', 5000)}\"x\"{new string(')', 5000)}"), "nested more than 64 deep" },
        { "huge repetition", new GrammarConstraint("""root ::= "x"{0,100000000}"""), "expected a repetition" },
        { "no root rule", new GrammarConstraint("""start ::= "x" """), "no rule named 'root'" },
        { "token reference of two tokens", new GrammarConstraint("""root ::= <blue green>"""), "not one" },
        { "left recursion", new GrammarConstraint("""root ::= root "x" | "x" """), "left recursion" },
        { "empty grammar", new GrammarConstraint(""), "1 to" },
        { "bad root name", new GrammarConstraint("""root ::= "x" """, "my root"), "root must be a rule name" },
        { "trigger token of two tokens", new GrammarConstraint("""root ::= "x" """) { TriggerTokens = ["blue green"] }, "tokens of this model, not one" },
        { "trigger token id outside the vocabulary", new GrammarConstraint("""root ::= "x" """) { TriggerTokenIds = [1_000_000] }, "outside the vocabulary" },
        { "trigger pattern that does not compile", new GrammarConstraint("""root ::= "x" """) { TriggerPatterns = ["(blue"] }, "not a valid regular expression" },
        { "trigger pattern with lookbehind", new GrammarConstraint("""root ::= "x" """) { TriggerPatterns = ["(?<=a)blue"] }, "groups may only be" },
    };

    [Theory]
    [MemberData(nameof(BadGrammars))]
    public async Task BadGrammar_IsAClearError_AndTheNextRequestWorks(string because, GrammarConstraint grammar, string expected)
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => AskAsync(BlueImage, grammar));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{because}: {error.Message}");
        Assert.Equal("invalid_grammar", error.Code);
        Assert.Equal("grammar", error.Param);
        Assert.Equal("blue", (await AskAsync(BlueImage, grammar: null)).Text);
    }

    private static ImageInput Solid(byte r, byte g, byte b) => ImageInput.FromPixels(64, 64, PixelFormat.Rgb24, ColourImages.Solid(64, 64, r, g, b));

    private static ChatTurn[] Turn(ImageInput image) => [new ChatTurn("user", [ChatTurnItem.FromMedia(image), ColourModelsFixture.Question])];

    private async Task<GenerationResult> AskAsync(ImageInput image, GrammarConstraint? grammar)
    {
        var sampling = new SamplingOptions { Temperature = 0, MaxTokens = 40, Grammar = grammar };
        return await (await fixture.EngineAsync("gemma3")).ChatAsync(Turn(image), sampling).CollectAsync();
    }
}
