namespace LocalMultimodal.Server.Hosting;

/// <summary>Loads the engine; a service so tests can hold loading back and watch the server answer 503.</summary>
internal delegate Task<MultimodalEngine> LoadEngine(EngineOptions options, CancellationToken cancellationToken);
