using LocalMultimodal.Server.Tests.Infrastructure;

namespace LocalMultimodal.Server.Tests.Clients;

/// <summary>
/// A whole tool round trip, non-streamed and streamed, with the official <c>openai</c> npm package
/// (<c>node/tools.mjs</c>) against a server process on the demo model.
/// </summary>
[Collection(DemoProcessCollection.Name)]
public sealed class NodeToolRoundTripTests(DemoProcessFixture fixture)
{
    [Fact]
    public Task OpenAINpmPackage_RunsAToolRoundTrip_StreamedAndNot() => NodeScript.AssertScenariosPassAsync(
        "tools.mjs",
        new Dictionary<string, string>
        {
            ["LMM_BASE_URL"] = $"{fixture.BaseUrl}/v1",
            ["LMM_RED_PNG"] = Convert.ToBase64String(ColourImages.SolidPng(64, 64, 255, 0, 0)),
            ["LMM_BLUE_PNG"] = Convert.ToBase64String(ColourImages.SolidPng(64, 64, 0, 0, 255)),
        },
        ["roundTrip", "streamedRoundTrip"]);
}
