namespace LocalMultimodal.Server.Hosting;

/// <summary>Where the server is in its life: only <see cref="Ready"/> answers chat requests.</summary>
internal enum EngineState
{
    Loading,
    Ready,
    Draining,
    Failed,
}
