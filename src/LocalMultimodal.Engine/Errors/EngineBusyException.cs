namespace LocalMultimodal.Errors;

/// <summary>The engine's request queue is full; try again later.</summary>
public sealed class EngineBusyException : MultimodalException
{
    /// <summary>Creates the exception.</summary>
    public EngineBusyException(int queueCapacity)
        : base($"The engine is busy: {queueCapacity} requests are already waiting. Try again shortly.", "engine_busy")
        => QueueCapacity = queueCapacity;

    /// <summary>How many requests may wait.</summary>
    public int QueueCapacity { get; }
}
