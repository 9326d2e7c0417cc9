namespace LocalMultimodal.Server.Protocol;

/// <summary>The object of an <c>input_audio</c> part: base64 audio and its format.</summary>
internal sealed class InputAudio
{
    public string? Data { get; set; }

    public string? Format { get; set; }
}
