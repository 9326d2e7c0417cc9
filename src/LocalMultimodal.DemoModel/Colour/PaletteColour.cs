namespace LocalMultimodal.Models;

/// <summary>A colour the colour model can answer, with its prototype in sRGB values of [0, 1].</summary>
internal sealed record PaletteColour(string Name, float R, float G, float B)
{
    /// <summary>The squared length of the prototype, ‖p‖².</summary>
    public float SquaredNorm => R * R + G * G + B * B;
}
