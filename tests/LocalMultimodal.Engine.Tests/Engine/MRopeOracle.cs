using LLama;
using LLama.Native;
using LocalMultimodal.Gguf;
using LocalMultimodal.Models;

namespace LocalMultimodal.Tests.Engine;

/// <summary>
/// What the Qwen-VL oracle tests share: an M-RoPE LLM with sharper weights (std 0.2) than the shared fixture, so
/// attention depends on positions and a wrong layout changes the output; the ChatML text around one user turn; and
/// the projector loaded for llama.cpp's own helper.
/// </summary>
internal static class MRopeOracle
{
    public const string SharpLlmFileName = "llm-qwen2vl-sharp.gguf";

    public static TempFolder WriteSharpLlm()
    {
        var folder = new TempFolder();
        File.WriteAllBytes(folder.File(SharpLlmFileName), GgufWriter.ToBytes(GeneratedModels.BuildMRopeLlm(seed: 7, weightStd: 0.2f)));
        return folder;
    }

    public static string ChatText(string user) => $"<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n";

    public static MtmdWeights LoadProjector(string projectorPath, LLamaWeights weights)
    {
        var parameters = MtmdContextParams.Default();
        parameters.UseGpu = false;
        parameters.NThreads = 2;
        return MtmdWeights.LoadFromFile(projectorPath, weights, parameters);
    }
}
