using LocalMultimodal.Server.Tests.Infrastructure;

namespace LocalMultimodal.Server.Tests.Clients;

/// <summary>The official <c>openai</c> npm package against a real server process, through <c>node/client.mjs</c>.</summary>
[Collection(ServerProcessCollection.Name)]
public sealed class NodeClientTests(ServerProcessFixture fixture)
{
    [Fact]
    public Task OpenAINpmPackage_RunsEveryScenario() => NodeScript.AssertScenariosPassAsync(
        "client.mjs",
        new Dictionary<string, string>
        {
            ["LMM_BASE_URL"] = $"{fixture.BaseUrl}/v1",
            ["LMM_MEDIA_URL"] = fixture.MediaUrl,
            ["LMM_MODEL"] = ServerProcessFixture.ModelName,
        },
        ["imageByDataUrl", "imageByHttpUrl", "audioByInputAudio", "multiImage", "streamWithUsage", "overImageLimit", "jsonSchemaResponse"]);
}
