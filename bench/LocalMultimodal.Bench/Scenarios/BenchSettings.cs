using LocalMultimodal.Models;

namespace LocalMultimodal.Bench.Scenarios;

/// <summary>What every scenario shares: the model pair, runs per figure, threads and context per sequence.</summary>
internal sealed record BenchSettings(BenchModelSet Models, int Runs, int Threads)
{
    /// <summary>Positions per sequence: the prompt (about 270) and 128 output tokens fit with room to spare.</summary>
    public const int ContextPerSequence = 1024;

    /// <summary>Sequences the engine and the raw baseline are set up for.</summary>
    public const int Sequences = 8;

    public int ImageSize => Models.ProjectorShape.ImageSize;

    public EngineOptions EngineOptions(int sequences = Sequences) => new()
    {
        ModelPath = Models.Llm,
        ProjectorPath = Models.Projector,
        Threads = Threads,
        MaxConcurrentSequences = sequences,
        ContextSize = ContextPerSequence,
    };
}
