namespace LocalMultimodal.Server.Endpoints;

/// <summary>A request's own media options, from its <c>media_io_kwargs</c> and <c>mm_processor_kwargs</c>.</summary>
/// <param name="VideoNumFrames"><c>media_io_kwargs.video.num_frames</c>, already clamped to the server's ceiling.</param>
/// <param name="ImageMinPixels"><c>mm_processor_kwargs.min_pixels</c>.</param>
/// <param name="ImageMaxPixels"><c>mm_processor_kwargs.max_pixels</c>.</param>
/// <param name="VideoFps"><c>media_io_kwargs.video.fps</c>.</param>
internal sealed record RequestMediaOptions(int? VideoNumFrames, int? ImageMinPixels, int? ImageMaxPixels, double? VideoFps = null);
