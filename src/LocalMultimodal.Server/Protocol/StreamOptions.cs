namespace LocalMultimodal.Server.Protocol;

/// <summary><c>stream_options</c>: with <c>include_usage</c>, a last chunk carries the usage.</summary>
internal sealed class StreamOptions
{
    public bool? IncludeUsage { get; set; }
}
