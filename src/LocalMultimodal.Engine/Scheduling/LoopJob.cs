namespace LocalMultimodal.Scheduling;

/// <summary>Native work outside requests (such as encoding media for the caller), run on the loop thread between steps.</summary>
internal sealed class LoopJob : LoopWork
{
    private readonly Action _run;

    private LoopJob(Action run) => _run = run;

    /// <summary>A job running <paramref name="work"/>; <paramref name="result"/> completes with its result or exception.</summary>
    public static LoopJob For<T>(Func<T> work, out Task<T> result)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        result = done.Task;
        return new LoopJob(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
    }

    public void Run() => _run();
}
