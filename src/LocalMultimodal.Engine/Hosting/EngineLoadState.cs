namespace LocalMultimodal.Hosting;

/// <summary>Where an <see cref="EngineLifetime"/> is: only <see cref="Ready"/> has an engine to use.</summary>
public enum EngineLoadState
{
    /// <summary>No load has been asked for yet.</summary>
    NotStarted,

    /// <summary>The model is loading.</summary>
    Loading,

    /// <summary>The engine is loaded and usable.</summary>
    Ready,

    /// <summary>The last load failed; the next <see cref="EngineLifetime.GetAsync"/> tries again.</summary>
    Failed,

    /// <summary>The lifetime was disposed (and with it an engine it owned).</summary>
    Disposed,
}
