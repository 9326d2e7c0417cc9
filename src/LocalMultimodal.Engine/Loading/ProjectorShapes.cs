using LocalMultimodal.Gguf;

namespace LocalMultimodal.Loading;

/// <summary>
/// What clip.cpp's graph builders take for granted about a projector: the encoder's hyperparameters are
/// positive and consistent (width divisible by heads, image size a multiple of the patch size, the grid a
/// multiple of the merge factor), the patch-embedding kernel is the patch size, the position table has a row
/// per patch, every tensor a graph dereferences is there, and each projection's input width is what the layer
/// before produces. The builders check none of this cleanly: a mismatch is a GGML_ASSERT, a null dereference
/// or a division by zero on the first encode, after the server already said it was listening.
/// </summary>
internal static class ProjectorShapes
{
    /// <summary>Projector types whose image grid is fixed, so the position table has one row per patch.</summary>
    private static readonly HashSet<string> FixedGridVision = new(["gemma3", "mlp", "mlp_norm", "idefics3", "ldp", "ldpv2"], StringComparer.Ordinal);

    /// <summary>Largest encoder depth taken: real encoders have at most a few dozen blocks.</summary>
    private const long MaxBlocks = 1024;

    /// <summary>Largest image side a projector may ask for, before or after tiling (real ones use up to about 2048).</summary>
    private const long MaxImageSize = 8192;

    /// <summary>How many times its tile size a tiling projector may resize an image to (SmolVLM uses 3 or 4).</summary>
    private const long MaxTilingFactor = 8;

    /// <summary>Largest merge, pool or stack factor taken.</summary>
    private const long MaxFactor = 64;

    public static void CheckVision(TensorShapeRules rules, string? type)
    {
        long width = rules.Required("clip.vision.embedding_length");
        long heads = rules.Required("clip.vision.attention.head_count", width);
        if (width % heads != 0)
        {
            throw rules.Refuse($"clip.vision.embedding_length {width} is not divisible by clip.vision.attention.head_count {heads}");
        }

        long imageSize = rules.Required("clip.vision.image_size", MaxImageSize);

        // Tiling projectors (idefics3) first resize the image to this size: a huge one exhausts memory.
        rules.Positive("clip.vision.preproc_image_size", Math.Min(MaxTilingFactor * imageSize, MaxImageSize));
        long patchSize = rules.Required("clip.vision.patch_size", imageSize);
        long blocks = rules.Required("clip.vision.block_count", MaxBlocks, min: 0);
        rules.Required("clip.vision.feed_forward_length", min: 0);

        // The patch embedding is a convolution with stride patch_size: its kernel must be the patch, or the
        // grid it produces does not match the position table.
        GgufTensorInfo kernel = rules.Tensor("v.patch_embd.weight", required: true, null, null, 3, width)!;
        if (TensorShapeRules.Dim(kernel, 0) != patchSize || TensorShapeRules.Dim(kernel, 1) != patchSize)
        {
            throw rules.Refuse($"clip.vision.patch_size is {patchSize}, but the patch-embedding kernel 'v.patch_embd.weight' is {TensorShapeRules.Dim(kernel, 0)}x{TensorShapeRules.Dim(kernel, 1)} (shape {kernel.DescribeShape()})");
        }

        rules.Tensor("v.patch_embd.bias", required: false, width);
        bool classToken = rules.Tensor("v.class_embd", required: false, width) is not null;
        CheckNorm(rules, "v.pre_ln", width);
        CheckNorm(rules, "v.post_ln", width);

        bool fixedGrid = type is not null && FixedGridVision.Contains(type);
        long grid = imageSize / patchSize;
        if (fixedGrid && imageSize % patchSize != 0)
        {
            throw rules.Refuse($"clip.vision.image_size {imageSize} is not a multiple of clip.vision.patch_size {patchSize}");
        }

        long? rows = fixedGrid ? grid * grid + (classToken ? 1 : 0) : null;
        rules.Tensor("v.position_embd.weight", required: type is "mlp" or "mlp_norm", width, rows);

        for (long i = 0; i < blocks; i++)
        {
            CheckBlock(rules, $"v.blk.{i}", width, whisper: false);
        }

        switch (type)
        {
            case "gemma3":
                CheckGemma3(rules, width, grid);
                break;
            case "mlp":
                long hidden = rules.Linear("mm.0", width, required: true, biasRequired: true);
                // clip.cpp takes the output width from mm.2.weight without checking that it exists.
                rules.Linear("mm.2", hidden, required: true, biasRequired: true);
                break;
            case "idefics3":
                long scale = MergeFactor(rules, grid, "idefics3 pixel shuffle") ?? 1;
                rules.Tensor("mm.model.fc.weight", required: true, width * scale * scale, null);
                break;
            case "qwen2vl_merger":
            case "qwen2.5vl_merger":
                CheckQwenVl(rules, type, width, blocks, kernel);
                break;
            case "qwen3vl_merger":
                // Its graph asserts a layout (patch bias, deepstack mergers) and feeds an LLM input wider than n_embd,
                // neither of which the engine checks or decodes yet: refused here rather than aborted in clip.cpp.
                throw rules.Refuse("projector type qwen3vl_merger (Qwen3-VL) is not supported by this engine yet; Qwen2-VL and Qwen2.5-VL are");
        }
    }

    /// <summary>
    /// Qwen2-VL / Qwen2.5-VL: the graph asserts there is no patch bias and no class token, merges 2×2 patches into
    /// mm.0's input, and (2.5) sets a window-attention mask that at least one block must use, or the first encode
    /// aborts on an input the graph does not contain.
    /// </summary>
    private static void CheckQwenVl(TensorShapeRules rules, string type, long width, long blocks, GgufTensorInfo kernel)
    {
        foreach (string name in new[] { "v.patch_embd.bias", "v.class_embd" })
        {
            if (rules.File.HasTensor(name))
            {
                throw rules.Refuse($"tensor '{name}' is present, but the {type} graph asserts it is absent");
            }
        }

        // The graph builds its rope positions in the blocks: with none, the first encode aborts looking for them.
        if (blocks == 0)
        {
            throw rules.Refuse($"clip.vision.block_count is 0, but the {type} graph needs at least one block");
        }

        // The second half of the temporal patch convolution, added to the first on every image.
        rules.Tensor("v.patch_embd.weight.1", required: true, [.. kernel.Shape.Select(d => (long?)d)]);

        // Every Qwen-VL encoder has q, k and v biases, and the graph adds them without checking they are there.
        for (long i = 0; i < blocks; i++)
        {
            foreach (string attention in new[] { "attn_q", "attn_k", "attn_v" })
            {
                rules.Tensor($"v.blk.{i}.{attention}.bias", required: true, width);
            }
        }

        long merge = rules.Positive("clip.vision.spatial_merge_size", MaxFactor) ?? 2;
        long hidden = rules.Linear("mm.0", width * merge * merge, required: true);
        long output = rules.Linear("mm.2", hidden, required: true);
        long? projection = rules.Positive("clip.vision.projection_dim");
        if (projection is not null && projection != output)
        {
            throw rules.Refuse($"clip.vision.projection_dim is {projection}, but 'mm.2.weight' projects to {output}");
        }
        if (type == "qwen2.5vl_merger")
        {
            long pattern = rules.Required("clip.vision.n_wa_pattern", MaxBlocks, min: 0);
            bool windowed = pattern > 0 && Enumerable.Range(0, (int)blocks).Any(i => (i + 1) % pattern != 0);
            if (pattern > 0 && !windowed)
            {
                throw rules.Refuse($"clip.vision.n_wa_pattern {pattern} with {blocks} block(s) leaves no block using window attention; clip.cpp aborts on the first encode (its window mask is unused)");
            }
        }
    }

    public static void CheckWhisper(TensorShapeRules rules, string type, long minPositions)
    {
        long width = rules.Required("clip.audio.embedding_length");
        long heads = rules.Required("clip.audio.attention.head_count", width);
        if (width % heads != 0)
        {
            throw rules.Refuse($"clip.audio.embedding_length {width} is not divisible by clip.audio.attention.head_count {heads}");
        }

        long melBins = rules.Required("clip.audio.num_mel_bins", 1024);
        // The Whisper graph checks its biases on block 0 without checking there is one.
        long blocks = rules.Required("clip.audio.block_count", MaxBlocks);
        rules.Required("clip.audio.feed_forward_length", min: 0);

        // Two 1-D convolutions of kernel 3: mel bins to width, then width to width at stride 2.
        rules.Tensor("a.conv1d.1.weight", required: true, 3, melBins, width);
        rules.Tensor("a.conv1d.1.bias", required: true, 1, width);
        rules.Tensor("a.conv1d.2.weight", required: true, 3, width, width);
        rules.Tensor("a.conv1d.2.bias", required: true, 1, width);
        GgufTensorInfo positions = rules.Tensor("a.position_embd.weight", required: true, width, null)!;
        if (TensorShapeRules.Dim(positions, 1) < minPositions)
        {
            throw rules.Refuse($"the Whisper position table 'a.position_embd.weight' has {TensorShapeRules.Dim(positions, 1)} rows, shape {positions.DescribeShape()}; at least {minPositions} rows are required");
        }

        CheckNorm(rules, "a.post_ln", width);
        for (long i = 0; i < blocks; i++)
        {
            CheckBlock(rules, $"a.blk.{i}", width, whisper: true);
        }

        switch (type)
        {
            case "qwen2a":
                rules.Linear("mm.a.fc", width, required: true, biasRequired: true);
                break;
            case "ultravox":
                long stack = rules.Required("clip.audio.projector.stack_factor", MaxFactor);
                if (minPositions % stack != 0)
                {
                    throw rules.Refuse($"the ultravox stack factor {stack} does not divide {minPositions} (the first audio encode would abort on a token-count mismatch)");
                }

                rules.Tensor("mm.a.norm_pre.weight", required: true, width * stack);
                GgufTensorInfo up = rules.Tensor("mm.a.mlp.1.weight", required: true, width * stack, null)!;
                long gated = TensorShapeRules.Dim(up, 1);
                if (gated % 2 != 0)
                {
                    throw rules.Refuse($"tensor 'mm.a.mlp.1.weight' has shape {up.DescribeShape()}; its output width must be even (SwiGLU halves it)");
                }

                rules.Tensor("mm.a.norm_mid.weight", required: true, gated / 2);
                rules.Tensor("mm.a.mlp.2.weight", required: true, gated / 2, null);
                break;
        }
    }

    private static void CheckGemma3(TensorShapeRules rules, long width, long grid)
    {
        MergeFactor(rules, grid, "gemma3 pooling");
        rules.Tensor("mm.soft_emb_norm.weight", required: true, width);

        // Stored transposed: ne[1] is the encoder width.
        rules.Tensor("mm.input_projection.weight", required: true, null, width);
    }

    private static long? MergeFactor(TensorShapeRules rules, long grid, string what)
    {
        long? factor = rules.Positive("clip.vision.projector.scale_factor", MaxFactor);
        if (factor is { } f && grid % f != 0)
        {
            throw rules.Refuse($"clip.vision.projector.scale_factor {f} does not divide the {grid}x{grid} patch grid ({what})");
        }

        return factor;
    }

    private static void CheckBlock(TensorShapeRules rules, string block, long width, bool whisper)
    {
        CheckNorm(rules, $"{block}.ln1", width, required: whisper);
        CheckNorm(rules, $"{block}.ln2", width, required: whisper);
        if (rules.File.HasTensor($"{block}.attn_qkv.weight"))
        {
            rules.Tensor($"{block}.attn_qkv.weight", required: true, width, 3 * width);
            rules.Tensor($"{block}.attn_qkv.bias", required: false, 3 * width);
        }
        else
        {
            // Whisper has biases on q and v but none on k; the graph asserts exactly that.
            rules.Tensor($"{block}.attn_q.weight", required: true, width, width);
            rules.Tensor($"{block}.attn_q.bias", required: whisper, width);
            rules.Tensor($"{block}.attn_k.weight", required: true, width, width);
            if (whisper && rules.File.HasTensor($"{block}.attn_k.bias"))
            {
                throw rules.Refuse($"tensor '{block}.attn_k.bias' is present, but Whisper's k projection has no bias");
            }

            rules.Tensor($"{block}.attn_k.bias", required: false, width);
            rules.Tensor($"{block}.attn_v.weight", required: true, width, width);
            rules.Tensor($"{block}.attn_v.bias", required: whisper, width);
        }

        rules.Tensor($"{block}.attn_out.weight", required: true, width, width);
        rules.Tensor($"{block}.attn_out.bias", required: false, width);
        CheckFeedForward(rules, block, width);
    }

    private static void CheckFeedForward(TensorShapeRules rules, string block, long width)
    {
        // clip.cpp swaps up and down when ffn_down.ne[0] is the width (an older naming), so take either order.
        GgufTensorInfo up = rules.Tensor($"{block}.ffn_up.weight", required: true, null, null)!;
        GgufTensorInfo down = rules.Tensor($"{block}.ffn_down.weight", required: true, null, null)!;
        bool plain = TensorShapeRules.Dim(up, 0) == width && TensorShapeRules.Dim(down, 1) == width && TensorShapeRules.Dim(up, 1) == TensorShapeRules.Dim(down, 0);
        bool swapped = TensorShapeRules.Dim(down, 0) == width && TensorShapeRules.Dim(up, 1) == width && TensorShapeRules.Dim(down, 1) == TensorShapeRules.Dim(up, 0);
        if (!plain && !swapped)
        {
            throw rules.Refuse($"tensors '{block}.ffn_up.weight' {up.DescribeShape()} and '{block}.ffn_down.weight' {down.DescribeShape()} do not map the width {width} to one inner width and back");
        }

        long inner = plain ? TensorShapeRules.Dim(up, 1) : TensorShapeRules.Dim(down, 1);
        rules.Tensor($"{block}.ffn_up.bias", required: false, plain ? inner : width);
        rules.Tensor($"{block}.ffn_down.bias", required: false, plain ? width : inner);
        if (plain)
        {
            rules.Tensor($"{block}.ffn_gate.weight", required: false, width, inner);
        }
    }

    private static void CheckNorm(TensorShapeRules rules, string prefix, long width, bool required = false)
    {
        rules.Tensor($"{prefix}.weight", required, width);
        rules.Tensor($"{prefix}.bias", required, width);
    }
}
