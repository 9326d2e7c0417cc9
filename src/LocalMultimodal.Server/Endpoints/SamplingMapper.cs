using LocalMultimodal.Sampling;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Server.Endpoints;

/// <summary>Maps the request's sampling fields to <see cref="SamplingOptions"/> and checks every one before any native call.</summary>
internal static class SamplingMapper
{
    private const long MaxTokensLimit = 1_000_000;

    public static SamplingOptions Map(SamplingRequest request)
    {
        if (request.N is { } n && n != 1)
        {
            throw ApiException.BadRequest("n must be 1: this server returns one choice per request.", "n");
        }

        switch (request)
        {
            case ChatCompletionRequest chat:
                CheckChatOnly(chat);
                break;
            case CompletionRequest text:
                CheckCompletionOnly(text);
                break;
        }

        if (request.StreamOptions is not null && request.Stream != true)
        {
            throw ApiException.BadRequest("stream_options is only allowed when stream is true.", "stream_options");
        }

        // The newer field wins when both are sent, as in OpenAI's API.
        var (maxTokens, maxParam) = request.MaxCompletionTokens is { } completion
            ? ((long?)completion, "max_completion_tokens")
            : (request.MaxTokens, "max_tokens");
        if (maxTokens is < 1 or > MaxTokensLimit)
        {
            throw ApiException.BadRequest($"{maxParam} must be from 1 to {MaxTokensLimit}.", maxParam);
        }

        // vLLM takes -1 (and 0) for "no top-k".
        if (request.TopK is < -1 or > int.MaxValue)
        {
            throw ApiException.BadRequest("top_k must be -1 or 0 (off), or a positive number of tokens.", "top_k");
        }

        var sampling = new SamplingOptions
        {
            MaxTokens = (int?)maxTokens,
            Temperature = (float)(request.Temperature ?? 1.0),
            TopP = (float)(request.TopP ?? 1.0),
            TopK = request.TopK is { } k and > 0 ? (int)k : 0,
            MinP = (float)(request.MinP ?? 0),

            // OpenAI's seed is any 64-bit integer; llama.cpp's is 32 bits, so the low half is used.
            Seed = request.Seed is { } seed ? unchecked((uint)seed) : null,
            RepetitionPenalty = (float)(request.RepetitionPenalty ?? 1.0),
            FrequencyPenalty = (float)(request.FrequencyPenalty ?? 0),
            PresencePenalty = (float)(request.PresencePenalty ?? 0),
            StopSequences = request.Stop ?? [],
            IgnoreEndOfSequence = request.IgnoreEos ?? false,
            Grammar = ResponseFormatMapper.Map(request.ResponseFormat),
        };
        sampling.Validate();
        return sampling;
    }

    private static void CheckChatOnly(ChatCompletionRequest request)
    {
        if (request.TopLogprobs is { } top && top is < 0 or > 20)
        {
            throw ApiException.BadRequest("top_logprobs must be from 0 to 20.", "top_logprobs");
        }

        if (request.Logprobs == true || request.TopLogprobs > 0)
        {
            throw ApiException.NotSupported("logprobs are not supported yet.", "logprobs");
        }
    }

    private static void CheckCompletionOnly(CompletionRequest request)
    {
        // The completions API's logprobs counts alternatives per token (0 to 5).
        if (request.Logprobs is < 0 or > 5)
        {
            throw ApiException.BadRequest("logprobs must be from 0 to 5.", "logprobs");
        }

        if (request.Logprobs > 0)
        {
            throw ApiException.NotSupported("logprobs are not supported yet.", "logprobs");
        }

        if (request.Echo == true)
        {
            throw ApiException.NotSupported("echo is not supported: the answer holds only the generated text.", "echo");
        }

        if (!string.IsNullOrEmpty(request.Suffix))
        {
            throw ApiException.NotSupported("suffix (insertion) is not supported.", "suffix");
        }

        if (request.BestOf is { } bestOf && bestOf != 1)
        {
            throw ApiException.BadRequest("best_of must be 1: this server returns one choice per request.", "best_of");
        }
    }
}
