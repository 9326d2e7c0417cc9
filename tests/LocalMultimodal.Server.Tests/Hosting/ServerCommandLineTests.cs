using LocalMultimodal.Media;
using LocalMultimodal.Server.Hosting;

namespace LocalMultimodal.Server.Tests.Hosting;

public sealed class ServerCommandLineTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void NoFlags_GiveTheDocumentedDefaults()
    {
        var options = ServerCommandLine.Parse([], NoEnvironment);

        Assert.Null(options.ModelPath);
        Assert.Null(options.ProjectorPath);
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(8000, options.Port);
        Assert.Null(options.ApiKey);
        Assert.Equal(4096, options.ContextSize);
        Assert.Equal(4, options.Parallel);
        Assert.Equal(0, options.GpuLayers);
        Assert.Equal(64L * 1024 * 1024, options.MaxRequestBytes);
        Assert.False(options.EnableMediaEmbeds);
        Assert.False(options.Fetch.AllowPrivateAddresses);
        Assert.Empty(options.LimitPerPrompt);
        Assert.Equal(RgbColor.White, options.MediaIo.RgbaBackgroundColor);
    }

    [Fact]
    public void EveryFlag_IsParsed()
    {
        string folder = Path.GetTempPath();
        var options = ServerCommandLine.Parse(
            [
                "--model", "m.gguf", "--mmproj", "p.gguf", "--served-model-name", "a", "b", "--host", "0.0.0.0", "--port=9000",
                "--api-key", "k", "--allowed-media-domains", "x.com", "y.org", "--allowed-local-media-path", folder,
                "--allow-private-media-addresses", "--limit-mm-per-prompt", """{"image":2,"audio":1,"video":1}""", "--enable-mm-embeds",
                "--media-io-kwargs", """{"image":{"rgba_background_color":[0,0,0]},"video":{"num_frames":8,"fps":0.5,"frame_recovery":true}}""",
                "--chat-template", "chatml", "--default-chat-template-kwargs", """{"enable_thinking":false}""", "--ctx-size", "8192", "--parallel", "2", "--gpu-layers", "99", "--max-request-bytes", "2048",
                "--max-queued-requests", "7", "--max-num-batched-tokens", "256", "--no-enable-prefix-caching", "--mm-processor-cache-gb", "0.5",
            ],
            NoEnvironment);

        Assert.Equal(("m.gguf", "p.gguf"), (options.ModelPath, options.ProjectorPath));
        Assert.Equal(["a", "b"], options.ServedModelNames);
        Assert.Equal(("0.0.0.0", 9000, "k"), (options.Host, options.Port, options.ApiKey));
        Assert.Equal(["x.com", "y.org"], options.Fetch.AllowedDomains!);
        Assert.Equal(Path.GetFullPath(folder), options.Fetch.AllowedLocalMediaPath);
        Assert.True(options.Fetch.AllowPrivateAddresses);
        Assert.Equal(new Dictionary<MediaModality, int> { [MediaModality.Image] = 2, [MediaModality.Audio] = 1, [MediaModality.Video] = 1 }, options.LimitPerPrompt);
        Assert.True(options.EnableMediaEmbeds);
        Assert.Equal(RgbColor.Black, options.MediaIo.RgbaBackgroundColor);
        Assert.Equal((8, 0.5, true), (options.MediaIo.VideoNumFrames, options.MediaIo.VideoFps, options.MediaIo.VideoFrameRecovery));
        Assert.Equal("chatml", options.ChatTemplate);
        Assert.Equal("""{"enable_thinking":false}""", options.DefaultChatTemplateKwargs.ToJsonString());
        Assert.Equal((8192, 2, 99, 2048L), (options.ContextSize, options.Parallel, options.GpuLayers, options.MaxRequestBytes));
        Assert.Equal((7, 256, false, 0.5), (options.MaxQueuedRequests, options.MaxNumBatchedTokens, options.EnablePrefixCaching, options.MediaCacheGiB));
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("demo:qwen2.5-vl")]
    [InlineData("DEMO:Qwen2.5-VL")]
    public void ModelDemo_NamesTheBuiltInModel(string model)
    {
        var options = ServerCommandLine.Parse(["--model", model], NoEnvironment);

        Assert.True(BuiltInModel.Names(options.ModelPath!, out var layout));
        Assert.Equal(model.Contains(':') ? LocalMultimodal.Models.DemoModelLayout.Qwen25VL : LocalMultimodal.Models.DemoModelLayout.Omni, layout);
    }

    [Fact]
    public void ChatTemplateNamingAFile_ReadsTheFile()
    {
        string file = Path.GetTempFileName();
        File.WriteAllText(file, "{{ messages }}");
        try
        {
            Assert.Equal("{{ messages }}", ServerCommandLine.Parse(["--chat-template", file], NoEnvironment).ChatTemplate);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--port", "http")]
    [InlineData("--port", "70000")]
    [InlineData("--parallel", "0")]
    [InlineData("--ctx-size")]
    [InlineData("--enable-mm-embeds=yes")]
    [InlineData("--limit-mm-per-prompt", "{\"smell\":1}")]
    [InlineData("--limit-mm-per-prompt", "{\"image\":-1}")]
    [InlineData("--limit-mm-per-prompt", "[1]")]
    [InlineData("--mmproj", "p.gguf")]
    [InlineData("--default-chat-template-kwargs", "[1]")]
    [InlineData("--default-chat-template-kwargs", "{oops")]
    [InlineData("--model", "demo:qwen9-vl")]
    [InlineData("--image-max-tokens", "0")]
    [InlineData("--model", "demo:qwen2.5-vl", "--mmproj", "p.gguf")]
    public void BadFlags_AreAFormatExceptionNamingTheFlag(params string[] args)
    {
        var error = Assert.Throws<FormatException>(() => ServerCommandLine.Parse(args, NoEnvironment));

        Assert.Contains(args[0].Split('=')[0], error.Message);
    }

    [Theory]
    [InlineData("""{"image":{"background":[0,0,0]}}""", "image.background")]
    [InlineData("""{"audio":{"sample_rate":16000}}""", "audio.sample_rate")]
    [InlineData("""{"image":{"rgba_background_color":[0,0,256]}}""", "rgba_background_color")]
    [InlineData("""{"image":{"rgba_background_color":[0,0]}}""", "rgba_background_color")]
    [InlineData("""{"image":{"rgba_background_color":"black"}}""", "rgba_background_color")]
    [InlineData("""{"video":{"num_frames":0}}""", "num_frames")]
    [InlineData("""{"video":{"frame_recovery":"yes"}}""", "frame_recovery")]
    [InlineData("""{"video":{"fps":-1}}""", "video.fps")]
    [InlineData("""not json""", "--media-io-kwargs")]
    public void BadMediaIoKwargs_NameTheKey(string json, string named)
    {
        var error = Assert.Throws<FormatException>(() => ServerCommandLine.Parse(["--media-io-kwargs", json], NoEnvironment));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void ApiKey_ComesFromOurVariable_ThenVllms_AndTheFlagWins()
    {
        var both = new Dictionary<string, string?> { ["LOCALMM_API_KEY"] = "ours", ["VLLM_API_KEY"] = "theirs" };
        var vllm = new Dictionary<string, string?> { ["VLLM_API_KEY"] = "theirs" };

        Assert.Equal("ours", ServerCommandLine.Parse([], both.GetValueOrDefault).ApiKey);
        Assert.Equal("theirs", ServerCommandLine.Parse([], vllm.GetValueOrDefault).ApiKey);
        Assert.Equal("flag", ServerCommandLine.Parse(["--api-key", "flag"], both.GetValueOrDefault).ApiKey);
    }

    [Fact]
    public void FetchVariables_OursAndVllms_AreRead()
    {
        var variables = new Dictionary<string, string?>
        {
            ["VLLM_IMAGE_FETCH_TIMEOUT"] = "7",
            ["LOCALMM_AUDIO_FETCH_TIMEOUT"] = "3.5",
            ["VLLM_VIDEO_FETCH_TIMEOUT"] = "60",
            ["VLLM_MEDIA_URL_ALLOW_REDIRECTS"] = "0",
        };

        var fetch = ServerCommandLine.Parse([], variables.GetValueOrDefault).Fetch;

        Assert.Equal(TimeSpan.FromSeconds(7), fetch.ImageTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3.5), fetch.AudioTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), fetch.VideoTimeout);
        Assert.False(fetch.AllowRedirects);
    }

    [Fact]
    public void Help_ListsEveryFlagWithItsDefault_AndTheVariables()
    {
        string help = ServerCommandLine.HelpText();

        foreach (var flag in ServerCommandLine.Flags.Where(f => f.Name is not ("--help" or "--version")))
        {
            Assert.Matches($@"(?m)^  {flag.Name}\b.*\(default: {System.Text.RegularExpressions.Regex.Escape(flag.Default)}\)$", help);
        }

        string[] issueFlags =
        [
            "--model", "--mmproj", "--served-model-name", "--host", "--port", "--api-key", "--allowed-media-domains", "--allowed-local-media-path",
            "--limit-mm-per-prompt", "--enable-mm-embeds", "--media-io-kwargs", "--chat-template", "--ctx-size", "--parallel", "--gpu-layers",
            "--max-request-bytes", "--allow-private-media-addresses",
            "--max-queued-requests", "--max-num-batched-tokens", "--no-enable-prefix-caching", "--mm-processor-cache-gb",
            "--no-webui", "--offline", "--default-chat-template-kwargs", "--image-min-tokens", "--image-max-tokens",
        ];
        Assert.Equal(issueFlags.Order(), ServerCommandLine.Flags.Select(f => f.Name).Where(n => n is not ("--help" or "--version")).Order());
        foreach (string variable in new[] { "LOCALMM_API_KEY", "VLLM_API_KEY", "VLLM_IMAGE_FETCH_TIMEOUT", "VLLM_VIDEO_FETCH_TIMEOUT", "VLLM_AUDIO_FETCH_TIMEOUT", "VLLM_MEDIA_URL_ALLOW_REDIRECTS", "LOCALMM_MEDIA_URL_ALLOW_REDIRECTS" })
        {
            Assert.Contains(variable, help);
        }
    }
}
