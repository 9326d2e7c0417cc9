using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LocalMultimodal.Server.Tests.Infrastructure;

/// <summary>A static file server on 127.0.0.1 that media URLs point at; it counts the requests it gets.</summary>
internal sealed class StaticMediaServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<string> requests = new();

    private StaticMediaServer(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyCollection<string> Requests => requests;

    /// <summary>Starts serving the standard test media, plus <paramref name="extraFiles"/> (path to bytes and media type).</summary>
    public static async Task<StaticMediaServer> StartAsync(IReadOnlyDictionary<string, (byte[] Bytes, string Type)>? extraFiles = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new StaticMediaServer(app);
        var files = new Dictionary<string, (byte[] Bytes, string Type)>
        {
            ["/red.png"] = (ColourImages.SolidPng(32, 32, 255, 0, 0), "image/png"),
            ["/blue.png"] = (ColourImages.SolidPng(32, 32, 0, 0, 255), "image/png"),
            ["/tone.wav"] = (Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1), "audio/wav"),
            ["/tone.mp3"] = (Wavs.Tone(440, Tones.SpeechSampleRate, channels: 1), "audio/mpeg"),
        };
        foreach (var (path, file) in extraFiles ?? new Dictionary<string, (byte[] Bytes, string Type)>())
        {
            files[path] = file;
        }

        app.Run(context =>
        {
            server.requests.Enqueue(context.Request.Path);
            if (!files.TryGetValue(context.Request.Path, out var file))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            context.Response.ContentType = file.Type;
            return context.Response.Body.WriteAsync(file.Bytes).AsTask();
        });
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    public string Url(string file) => $"{BaseUrl}/{file}";

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
