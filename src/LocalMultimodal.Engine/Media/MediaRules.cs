using LocalMultimodal.Errors;

namespace LocalMultimodal.Media;

/// <summary>
/// The rules every surface applies to media the same way (the engine, the chat client and the server all call
/// these): which modality a media type names, the format hint its subtype gives, what a uuid may be, and how many
/// items of each modality one prompt may carry.
/// </summary>
public static class MediaRules
{
    /// <summary>The longest uuid accepted, in characters.</summary>
    public const int MaxUuidLength = 256;

    /// <summary>What a uuid must be, in the words every error about one uses.</summary>
    public const string UuidRequirement =
        "a uuid must be 1 to 256 characters of ASCII letters, digits and - _ . : / + = @";

    /// <summary>Whether <paramref name="uuid"/> is a valid media uuid (see <see cref="UuidRequirement"/>).</summary>
    /// <param name="uuid">The uuid to check.</param>
    /// <returns><see langword="true"/> when it may name a media item.</returns>
    public static bool IsValidUuid(string? uuid) =>
        uuid is { Length: > 0 and <= MaxUuidLength } && uuid.AsSpan().IndexOfAnyExcept(UuidCharacters) < 0;

    /// <summary>Throws when <paramref name="uuid"/> is given but not valid; <see langword="null"/> means "no uuid".</summary>
    /// <param name="uuid">The uuid to check, or <see langword="null"/>.</param>
    /// <param name="param">The request field the uuid came from, for the error.</param>
    /// <returns>The uuid, unchanged.</returns>
    /// <exception cref="InvalidRequestException">The uuid is empty, too long or has a character outside the set (code <c>invalid_uuid</c>).</exception>
    public static string? CheckUuid(string? uuid, string param = "uuid")
    {
        if (uuid is not null && !IsValidUuid(uuid))
        {
            throw new InvalidRequestException($"{param}: {UuidRequirement}.", "invalid_uuid") { Param = param };
        }

        return uuid;
    }

    /// <summary>The modality a media type's top-level type names: <c>image/png</c> is an image.</summary>
    /// <param name="mediaType">A media type such as <c>audio/ogg; codecs=opus</c>.</param>
    /// <returns>The modality, or <see langword="null"/> for a type that is not image, audio or video.</returns>
    public static MediaModality? ModalityOf(string? mediaType)
    {
        int slash = mediaType?.IndexOf('/') ?? -1;
        if (slash <= 0)
        {
            return null;
        }

        var top = mediaType.AsSpan(0, slash).Trim();
        return top.Equals("image", StringComparison.OrdinalIgnoreCase) ? MediaModality.Image
            : top.Equals("audio", StringComparison.OrdinalIgnoreCase) ? MediaModality.Audio
            : top.Equals("video", StringComparison.OrdinalIgnoreCase) ? MediaModality.Video
            : null;
    }

    /// <summary>
    /// The decoder's format hint a media type gives: its subtype in lower case, without parameters
    /// (<c>ogg</c> for <c>audio/ogg; codecs=opus</c>). The content still decides when it says otherwise.
    /// </summary>
    /// <param name="mediaType">A media type.</param>
    /// <returns>The subtype, or <see langword="null"/> when there is none.</returns>
    public static string? FormatHintOf(string? mediaType)
    {
        int slash = mediaType?.IndexOf('/') ?? -1;
        if (slash <= 0)
        {
            return null;
        }

        var subtype = mediaType.AsSpan(slash + 1);
        int semicolon = subtype.IndexOf(';');
        subtype = (semicolon >= 0 ? subtype[..semicolon] : subtype).Trim();
        return subtype.IsEmpty ? null : subtype.ToString().ToLowerInvariant();
    }

    /// <summary>
    /// Throws when a prompt's media include a modality the model cannot take, or more items of one modality than
    /// <see cref="EngineCapabilities.LimitPerPrompt"/> allows (vLLM's <c>limit_mm_per_prompt</c>).
    /// </summary>
    /// <param name="modalities">The modality of each media item, in prompt order.</param>
    /// <param name="capabilities">The model's modalities and limits.</param>
    /// <param name="paramOf">
    /// The request field of the item at an index, named by a <c>modality_not_supported</c> error; by default the
    /// modality's name. A <c>too_many_media</c> error names the modality (as vLLM does).
    /// </param>
    /// <exception cref="InvalidRequestException">Code <c>modality_not_supported</c> or <c>too_many_media</c>.</exception>
    public static void CheckPerPrompt(IReadOnlyList<MediaModality> modalities, EngineCapabilities capabilities, Func<int, string>? paramOf = null)
    {
        ArgumentNullException.ThrowIfNull(modalities);
        ArgumentNullException.ThrowIfNull(capabilities);
        var counts = new Dictionary<MediaModality, int>();
        for (int i = 0; i < modalities.Count; i++)
        {
            var modality = modalities[i];
            string name = modality.ToString().ToLowerInvariant();
            if (!capabilities.Modalities.Contains(modality))
            {
                string has = capabilities.Modalities.Count == 0
                    ? "text only"
                    : string.Join(", ", ["text", .. capabilities.Modalities.Select(m => m.ToString().ToLowerInvariant())]);
                throw new InvalidRequestException($"This model cannot take {name}: it accepts {has}.", "modality_not_supported")
                {
                    Param = paramOf?.Invoke(i) ?? name,
                };
            }

            int count = counts[modality] = counts.GetValueOrDefault(modality) + 1;
            if (capabilities.LimitPerPrompt.TryGetValue(modality, out int limit) && count > limit)
            {
                int total = modalities.Count(m => m == modality);
                throw new InvalidRequestException(
                    $"The prompt has {total} {name} items, but at most {limit} are allowed per prompt (limit_mm_per_prompt).", "too_many_media")
                {
                    Param = name,
                };
            }
        }
    }

    private static readonly System.Buffers.SearchValues<char> UuidCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/+=@");
}
