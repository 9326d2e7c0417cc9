using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LocalMultimodal.Testing.Hub;

/// <summary>
/// A stand-in for the Hugging Face Hub on 127.0.0.1: the API (<c>/api/models/{repo}/revision/{rev}</c>,
/// <c>/api/models/{repo}/tree/{rev}?recursive=true</c>) and <c>/{repo}/resolve/{rev}/{file}</c>, which redirects
/// to a second listener (the content host, as the real hub redirects to its CDN) that serves blobs with
/// <c>Range</c>. Faults are injected through <see cref="Faults"/>.
/// </summary>
public sealed class StandInHub : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, List<StandInFile>> repos = new(StringComparer.Ordinal);
    private readonly TempFolder storage = new();
    private WebApplication? hub;
    private WebApplication? content;
    private int hubRequests;
    private int contentRequests;
    private int authorizationOnContentHost;

    private StandInHub()
    {
    }

    /// <summary>The hub's address, for <c>HF_ENDPOINT</c>.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>The content host's address.</summary>
    public string ContentEndpoint { get; private set; } = "";

    public HubFaults Faults { get; } = new();

    /// <summary>Requests the hub listener received.</summary>
    public int HubRequests => hubRequests;

    /// <summary>Requests the content host received.</summary>
    public int ContentRequests => contentRequests;

    /// <summary>Requests that reached the content host with an <c>Authorization</c> header (must stay 0).</summary>
    public int AuthorizationOnContentHost => authorizationOnContentHost;

    /// <summary>The <c>Range</c> headers the content host received, in order.</summary>
    public ConcurrentQueue<string> Ranges { get; } = new();

    public static async Task<StandInHub> StartAsync()
    {
        var stand = new StandInHub();
        stand.content = Build(stand.MapContent);
        await stand.content.StartAsync();
        stand.ContentEndpoint = Address(stand.content);
        stand.hub = Build(stand.MapHub);
        await stand.hub.StartAsync();
        stand.Endpoint = Address(stand.hub);
        return stand;
    }

    /// <summary>Publishes bytes as a file of <paramref name="repository"/>, with their true SHA-256.</summary>
    public void Publish(string repository, string path, byte[] bytes)
    {
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string stored = storage.Write(sha, bytes);
        Add(repository, new StandInFile(path, bytes.Length, sha, stored));
    }

    /// <summary>Publishes a file from disk (large files are not read into memory).</summary>
    public void PublishFile(string repository, string path, string file)
    {
        using var stream = File.OpenRead(file);
        string sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        Add(repository, new StandInFile(path, new FileInfo(file).Length, sha, file));
    }

    /// <summary>Adds a listing entry as it is, for wrong hashes and hostile names.</summary>
    public void Add(string repository, StandInFile file) =>
        repos.AddOrUpdate(repository, _ => [file], (_, files) => [.. files.Where(f => f.Path != file.Path), file]);

    /// <summary>The commit id the listing reports: it changes whenever the files do.</summary>
    public string Commit(string repository) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Join('\n', repos[repository].Select(f => $"{f.Path} {f.Sha256}")))));

    /// <summary>Stops the hub and the content host: later requests find nothing listening.</summary>
    public async Task StopAsync()
    {
        foreach (var app in new[] { hub, content })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        hub = content = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        storage.Dispose();
    }

    private static WebApplication Build(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        var app = builder.Build();
        map(app);
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private void MapHub(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref hubRequests);
            if (Faults.Gated)
            {
                context.Response.StatusCode = 403;
                return;
            }

            if (Faults.RequiredToken is { } token && context.Request.Headers.Authorization != $"Bearer {token}")
            {
                context.Response.StatusCode = 401;
                return;
            }

            await next(context);
        });
        app.MapGet("/api/models/{owner}/{name}/revision/{revision}", (string owner, string name) =>
            repos.ContainsKey($"{owner}/{name}")
                ? Results.Text($"{{\"id\":\"{owner}/{name}\",\"sha\":\"{Commit($"{owner}/{name}")}\"}}", "application/json")
                : NotFound());
        app.MapGet("/api/models/{owner}/{name}/tree/{revision}", (string owner, string name) =>
            repos.TryGetValue($"{owner}/{name}", out var files) ? Results.Text(Listing(files), "application/json") : NotFound());
        app.MapGet("/{owner}/{name}/resolve/{revision}/{**path}", (HttpContext context, string owner, string name, string path) =>
        {
            string repository = $"{owner}/{name}";
            if (!repos.TryGetValue(repository, out var files) || files.FirstOrDefault(f => f.Path == path) is not { } file)
            {
                return NotFound();
            }

            if (Faults.RedirectLoop)
            {
                return Results.Redirect(context.Request.Path);
            }

            context.Response.Headers["X-Repo-Commit"] = Commit(repository);
            context.Response.Headers["X-Linked-Etag"] = $"\"{file.Sha256}\"";
            context.Response.Headers["X-Linked-Size"] = file.Size.ToString(CultureInfo.InvariantCulture);
            return Results.Redirect($"{ContentEndpoint}/blobs/{file.Sha256}?repo={Uri.EscapeDataString(repository)}&path={Uri.EscapeDataString(path)}");
        });
    }

    private void MapContent(WebApplication app)
    {
        app.MapGet("/blobs/{sha}", async (HttpContext context, string sha, string repo, string path) =>
        {
            Interlocked.Increment(ref contentRequests);
            if (context.Request.Headers.ContainsKey("Authorization"))
            {
                Interlocked.Increment(ref authorizationOnContentHost);
            }

            Ranges.Enqueue(context.Request.Headers.Range.ToString());
            var file = repos.TryGetValue(repo, out var files) ? files.FirstOrDefault(f => f.Path == path && f.Sha256 == sha) : null;
            if (file?.Content is null)
            {
                context.Response.StatusCode = 404;
                return;
            }

            if (Take(() => Faults.Unavailable, v => Faults.Unavailable = v))
            {
                context.Response.StatusCode = 503;
                return;
            }

            if (Take(() => Faults.StalledDownloads, v => Faults.StalledDownloads = v))
            {
                await Task.Delay(Faults.StallFor, context.RequestAborted);
            }

            if (Take(() => Faults.CutDownloads, v => Faults.CutDownloads = v))
            {
                await CutAsync(context, file);
                return;
            }

            await Results.File(file.Content, "application/octet-stream", enableRangeProcessing: true).ExecuteAsync(context);
        });
    }

    /// <summary>Sends the first bytes asked for with a full Content-Length, then drops the connection.</summary>
    private async Task CutAsync(HttpContext context, StandInFile file)
    {
        long from = 0;
        string range = context.Request.Headers.Range.ToString();
        if (range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            from = long.Parse(range["bytes=".Length..].TrimEnd('-'), CultureInfo.InvariantCulture);
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {from}-{file.Size - 1}/{file.Size}";
        }

        context.Response.ContentLength = file.Size - from;
        await using var stream = File.OpenRead(file.Content!);
        stream.Position = from;
        byte[] buffer = new byte[(int)Math.Min(Faults.CutAfterBytes, file.Size - from)];
        await stream.ReadExactlyAsync(buffer);
        await context.Response.Body.WriteAsync(buffer);
        await context.Response.Body.FlushAsync();
        if (Faults.StallBeforeCut)
        {
            await Task.Delay(Faults.StallFor, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        context.Abort();
    }

    private bool Take(Func<int> get, Action<int> set)
    {
        lock (Faults)
        {
            if (get() <= 0)
            {
                return false;
            }

            set(get() - 1);
            return true;
        }
    }

    private static IResult NotFound() => Results.Text("{\"error\":\"Repository not found\"}", "application/json", statusCode: 404);

    private static string Listing(List<StandInFile> files)
    {
        var entries = files.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{{\"type\":\"file\",\"oid\":\"{Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(f.Sha256)))}\",\"size\":{f.Size},\"path\":{System.Text.Json.JsonSerializer.Serialize(f.Path)},\"lfs\":{{\"oid\":\"{f.Sha256}\",\"size\":{f.Size},\"pointerSize\":134}}}}"));
        return $"[{string.Join(',', entries)}]";
    }
}
