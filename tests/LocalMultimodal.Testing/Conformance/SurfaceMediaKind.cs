namespace LocalMultimodal.Testing.Conformance;

/// <summary>What a <see cref="SurfaceMedia"/> item carries.</summary>
public enum SurfaceMediaKind
{
    /// <summary>An encoded image (PNG).</summary>
    Image,

    /// <summary>An encoded audio clip (WAV).</summary>
    Audio,

    /// <summary>An encoded video (MP4).</summary>
    Video,

    /// <summary>No data: only the uuid of an image sent before, which the caches must serve.</summary>
    ImageReference,
}
