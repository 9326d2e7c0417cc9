using LocalMultimodal.Server.Tests.Infrastructure;
using static LocalMultimodal.Server.Tests.Infrastructure.Api;

namespace LocalMultimodal.Server.Tests.Packaging;

/// <summary>
/// What a .NET developer does with the packages: references them by package from a fresh console app (no project
/// references), and installs the server as a dotnet tool. Slow (packing and restoring), so one class with one pack.
/// </summary>
public sealed class PackageTests(PackedOutput packed) : IClassFixture<PackedOutput>
{
    [Fact]
    public void EveryLibrary_IsPacked_WithSymbols_ReadmeLicenceAndTheBackendAsADependency()
    {
        foreach (string library in PackedOutput.Libraries)
        {
            string package = Path.Combine(packed.Packages, $"{library}.{packed.Version}.nupkg");
            Assert.True(File.Exists(package), $"{library} was not packed.");
            Assert.True(File.Exists(Path.ChangeExtension(package, ".snupkg")), $"{library} has no symbol package.");
            using var zip = System.IO.Compression.ZipFile.OpenRead(package);
            Assert.NotNull(zip.GetEntry("README.md"));
            string nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).ReadToEnd();
            Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
            Assert.Contains("<repository type=\"git\" url=\"", nuspec);
            Assert.Contains("<tags>", nuspec);
            Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".so", StringComparison.Ordinal));
            if (library == "LocalMultimodal.Engine")
            {
                Assert.Contains("id=\"LLamaSharp.Backend.Cpu\"", nuspec);
            }
        }
    }

    [Fact]
    public async Task ConsoleApp_ReferencingThePackages_AsksTheDemoModelAboutARedImage()
    {
        string app = Directory.CreateDirectory(Path.Combine(packed.Root.FullName, "app")).FullName;
        await File.WriteAllTextAsync(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LocalMultimodal.AI" Version="{packed.Version}" />
                <PackageReference Include="LocalMultimodal.DemoModel" Version="{packed.Version}" />
                <PackageReference Include="Microsoft.Extensions.Logging" Version="10.0.15" />
                <!-- The README's line: the app names its LLamaSharp backend (Cpu here; Cuda12 for NVIDIA GPUs). -->
                <PackageReference Include="LLamaSharp.Backend.Cpu" Version="0.30.0" />
              </ItemGroup>
            </Project>
            """);

        // The README's snippet, on the built-in demo model.
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), $$"""
            using LocalMultimodal.AI;
            using LocalMultimodal.Models;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;

            var demo = DemoModel.EnsureWritten(Path.Combine(AppContext.BaseDirectory, "demo-model"));
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddLocalMultimodalChatClient(options =>
                {
                    options.Engine.ModelPath = demo.Llm;
                    options.Engine.ProjectorPath = demo.Projector;
                })
                .UseLogging();

            await using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<IChatClient>();
            var response = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.User, [new TextContent("What colour is this?"), new DataContent(Convert.FromBase64String("{{Convert.ToBase64String(ColourImages.SolidPng(32, 32, 255, 0, 0))}}"), "image/png")])],
                new ChatOptions { MaxOutputTokens = 8, Temperature = 0 });
            Console.WriteLine(response.Text);
            """);
        File.Copy(Path.Combine(packed.Root.FullName, "nuget.config"), Path.Combine(app, "nuget.config"));

        string output = await packed.RunAsync("dotnet", app, "run", "-c", "Release");

        Assert.Equal("red", output.Trim().Split('\n')[^1].Trim());
        Assert.DoesNotContain(Directory.EnumerateFiles(app, "*.csproj"), f => File.ReadAllText(f).Contains("ProjectReference", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tool_Installs_PrintsItsVersion_AndServesARequest()
    {
        string tools = Path.Combine(packed.Root.FullName, "tools");
        await packed.RunAsync(
            "dotnet", packed.Root.FullName, "tool", "install", "LocalMultimodal.Server", "--tool-path", tools, "--add-source", packed.Packages, "--version", packed.Version);
        string localmm = Path.Combine(tools, "localmm");

        string version = await packed.RunAsync(localmm, packed.Root.FullName, "--version");

        Assert.Matches($@"^localmm {System.Text.RegularExpressions.Regex.Escape(packed.Version)} .*LLamaSharp 0\.30\.0.*llama\.cpp [0-9a-f]{{7}}", version.Trim());

        await using var server = await ServerProcess.StartExecutableAsync(localmm, null, "serve", "--no-webui");
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var answer = await (await client.PostChatAsync(Chat(ImageUrl(DataUrls.Png(ColourImages.SolidPng(32, 32, 255, 0, 0))), Text("What colour is this?")).With("model", null))).AssertAnswerAsync();
        Assert.Equal("red", (string?)answer["choices"]![0]!["message"]!["content"]);
    }
}
