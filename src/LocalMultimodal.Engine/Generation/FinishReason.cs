namespace LocalMultimodal.Generation;

/// <summary>Why generation ended.</summary>
public enum FinishReason
{
    /// <summary>The model ended its turn, or a stop sequence was produced.</summary>
    Stop,

    /// <summary>The token limit or the context was reached.</summary>
    Length,

    /// <summary>The engine stopped the request (shutting down).</summary>
    Cancelled,

    /// <summary>The model ended its turn after calling tools (<see cref="GenerationUpdate.ToolCalls"/>).</summary>
    ToolCalls,
}
