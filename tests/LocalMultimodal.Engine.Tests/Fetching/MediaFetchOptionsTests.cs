using LocalMultimodal.Fetching;

namespace LocalMultimodal.Tests.Fetching;

public sealed class MediaFetchOptionsTests
{
    [Fact]
    public void Defaults_MatchVllmAndRefusePrivateAndLocal()
    {
        var options = new MediaFetchOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), options.ImageTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.VideoTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.AudioTimeout);
        Assert.True(options.AllowRedirects);
        Assert.Equal(5, options.MaxRedirects);
        Assert.False(options.AllowPrivateAddresses);
        Assert.Null(options.AllowedLocalMediaPath);
        Assert.Empty(options.AllowedDomains!);
        options.Validate();
    }

    [Fact]
    public void ApplyEnvironment_ReadsOurVariables()
    {
        var options = new MediaFetchOptions();

        options.ApplyEnvironment(Env(
            ("LOCALMM_IMAGE_FETCH_TIMEOUT", "7"),
            ("LOCALMM_VIDEO_FETCH_TIMEOUT", "60"),
            ("LOCALMM_AUDIO_FETCH_TIMEOUT", "2.5"),
            ("LOCALMM_MEDIA_URL_ALLOW_REDIRECTS", "0")));

        Assert.Equal(TimeSpan.FromSeconds(7), options.ImageTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.VideoTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.AudioTimeout);
        Assert.False(options.AllowRedirects);
    }

    [Fact]
    public void ApplyEnvironment_ReadsVllmVariables()
    {
        var options = new MediaFetchOptions();

        options.ApplyEnvironment(Env(
            ("VLLM_IMAGE_FETCH_TIMEOUT", "8"),
            ("VLLM_VIDEO_FETCH_TIMEOUT", "90"),
            ("VLLM_AUDIO_FETCH_TIMEOUT", "20"),
            ("VLLM_MEDIA_URL_ALLOW_REDIRECTS", "0")));

        Assert.Equal(TimeSpan.FromSeconds(8), options.ImageTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), options.VideoTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), options.AudioTimeout);
        Assert.False(options.AllowRedirects);
    }

    [Fact]
    public void ApplyEnvironment_OursWinOverVllms()
    {
        var options = new MediaFetchOptions();

        options.ApplyEnvironment(Env(
            ("LOCALMM_IMAGE_FETCH_TIMEOUT", "3"),
            ("VLLM_IMAGE_FETCH_TIMEOUT", "9"),
            ("LOCALMM_MEDIA_URL_ALLOW_REDIRECTS", "true"),
            ("VLLM_MEDIA_URL_ALLOW_REDIRECTS", "0")));

        Assert.Equal(TimeSpan.FromSeconds(3), options.ImageTimeout);
        Assert.True(options.AllowRedirects);
    }

    [Fact]
    public void ApplyEnvironment_UnsetOrEmpty_KeepsConfiguredValues()
    {
        var options = new MediaFetchOptions { ImageTimeout = TimeSpan.FromSeconds(4), AllowRedirects = false };

        options.ApplyEnvironment(Env(("LOCALMM_IMAGE_FETCH_TIMEOUT", " "), ("VLLM_MEDIA_URL_ALLOW_REDIRECTS", "")));

        Assert.Equal(TimeSpan.FromSeconds(4), options.ImageTimeout);
        Assert.False(options.AllowRedirects);
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", true)]
    [InlineData("FALSE", false)]
    [InlineData("True", true)]
    public void ApplyEnvironment_ParsesRedirectSwitch(string value, bool expected)
    {
        var options = new MediaFetchOptions { AllowRedirects = !expected };

        options.ApplyEnvironment(Env(("VLLM_MEDIA_URL_ALLOW_REDIRECTS", value)));

        Assert.Equal(expected, options.AllowRedirects);
    }

    [Theory]
    [InlineData("LOCALMM_IMAGE_FETCH_TIMEOUT", "abc")]
    [InlineData("LOCALMM_VIDEO_FETCH_TIMEOUT", "0")]
    [InlineData("VLLM_AUDIO_FETCH_TIMEOUT", "-5")]
    [InlineData("VLLM_IMAGE_FETCH_TIMEOUT", "NaN")]
    [InlineData("LOCALMM_AUDIO_FETCH_TIMEOUT", "1e12")]
    [InlineData("LOCALMM_MEDIA_URL_ALLOW_REDIRECTS", "yes")]
    [InlineData("VLLM_MEDIA_URL_ALLOW_REDIRECTS", "2")]
    public void ApplyEnvironment_InvalidValue_ErrorNamesVariable(string name, string value)
    {
        var options = new MediaFetchOptions();

        var error = Assert.Throws<InvalidOperationException>(() => options.ApplyEnvironment(Env((name, value))));

        Assert.Contains(name, error.Message);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void FromEnvironment_ReadsProcessEnvironment()
    {
        // A variable no other test reads, so changing the process environment cannot disturb parallel tests.
        Environment.SetEnvironmentVariable("LOCALMM_AUDIO_FETCH_TIMEOUT", "12");
        try
        {
            Assert.Equal(TimeSpan.FromSeconds(12), MediaFetchOptions.FromEnvironment().AudioTimeout);
        }
        finally
        {
            Environment.SetEnvironmentVariable("LOCALMM_AUDIO_FETCH_TIMEOUT", null);
        }
    }

    public static TheoryData<string, Action<MediaFetchOptions>> InvalidOptions => new()
    {
        { "ImageTimeout", o => o.ImageTimeout = TimeSpan.Zero },
        { "VideoTimeout", o => o.VideoTimeout = TimeSpan.FromSeconds(-1) },
        { "AudioTimeout", o => o.AudioTimeout = TimeSpan.FromDays(2) },
        { "MaxImageBytes", o => o.MaxImageBytes = 0 },
        { "MaxVideoBytes", o => o.MaxVideoBytes = -1 },
        { "MaxAudioBytes", o => o.MaxAudioBytes = 0 },
        { "MaxRedirects", o => o.MaxRedirects = -1 },
        { "AllowedDomains", o => o.AllowedDomains = ["https://images.example.com"] },
        { "AllowedDomains", o => o.AllowedDomains = ["images.example.com/path"] },
        { "AllowedDomains", o => o.AllowedDomains = ["images.example.com:443"] },
        { "AllowedDomains", o => o.AllowedDomains = [" "] },
        { "AllowedLocalMediaPath", o => o.AllowedLocalMediaPath = "relative/folder" },
        { "AllowedLocalMediaPath", o => o.AllowedLocalMediaPath = "/no/such/folder/anywhere" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_OutOfRange_ErrorNamesSetting(string setting, Action<MediaFetchOptions> breakIt)
    {
        var options = new MediaFetchOptions();
        breakIt(options);

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public void Validate_AcceptsHostsAndIpLiteralsInAllowlist()
    {
        var options = new MediaFetchOptions { AllowedDomains = ["images.example.com", "bücher.example", "203.0.113.9", "[2001:db8::1]"] };

        options.Validate();
    }

    [Fact]
    public void MediaFetcher_InvalidOptions_ThrowsAtConstruction()
    {
        Assert.Throws<InvalidOperationException>(() => new MediaFetcher(new MediaFetchOptions { MaxRedirects = -1 }));
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
