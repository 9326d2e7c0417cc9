using Microsoft.Extensions.Logging;

namespace LocalMultimodal.Hub.Api;

/// <summary>Bounded retries with doubling pauses, for 5xx answers, timeouts and dropped connections.</summary>
internal static class Retrier
{
    public static async Task<T> RunAsync<T>(HubSettings settings, ILogger logger, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        int tries = settings.MaxRetries + 1;
        for (int n = 1; ; n++)
        {
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (n == tries && HubErrors.IsTransient(e, cancellationToken))
            {
                throw new HubException($"Gave up after {tries} tries: {e.Message}", e);
            }
            catch (Exception e) when (HubErrors.IsTransient(e, cancellationToken))
            {
                var delay = settings.RetryDelay * Math.Pow(2, n - 1);
                Log.Retrying(logger, n, tries, e.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
