using LocalMultimodal.Media.Tensors;

namespace LocalMultimodal.Tests.Media.Tensors;

/// <summary>vLLM's object of named tensors (embeddings plus model extras), each value its own serialized tensor.</summary>
public sealed class NamedTensorTests
{
    [Fact]
    public void Each_value_is_decoded_in_its_own_format()
    {
        var items = new Dictionary<string, byte[]>
        {
            ["image_embeds"] = TensorFixtures.Read("f32_2x3.pt"),
            ["image_grid_thw"] = TensorFixtures.Read("i64_grid_1x3.npy"),
        };

        var tensors = TensorDecoder.DecodeNamed(items);

        TensorAssert.Equal([2, 3], TensorFixtures.Ramp(6), tensors["image_embeds"]);
        TensorAssert.Equal([1, 3], [1, 24, 36], tensors["image_grid_thw"]);
    }

    [Fact]
    public void A_failure_names_its_key()
    {
        var items = new Dictionary<string, byte[]>
        {
            ["image_embeds"] = TensorFixtures.Read("f32_2x3.pt"),
            ["image_grid_thw"] = TensorFixtures.Read("f32_nan_2.pt"),
        };

        var ex = TensorAssert.Refused(() => TensorDecoder.DecodeNamed(items), "Tensor 'image_grid_thw': ");
        Assert.Equal("image_grid_thw", ex.Param);
    }

    [Fact]
    public void The_element_limit_covers_all_values_together()
    {
        var items = new Dictionary<string, byte[]>
        {
            ["a"] = TensorFixtures.Read("f32_2x3.npy"),
            ["b"] = TensorFixtures.Read("f32_2x3.npy"),
        };

        TensorAssert.Refused(() => TensorDecoder.DecodeNamed(items, new TensorLimits { MaxElements = 10 }), "Tensor 'b'");
        Assert.Equal(2, TensorDecoder.DecodeNamed(items, new TensorLimits { MaxElements = 12 }).Count);
    }

    [Fact]
    public void The_number_of_values_is_limited()
    {
        var items = Enumerable.Range(0, 3).ToDictionary(i => $"t{i}", _ => TensorFixtures.Read("f64_4.npy"));

        TensorAssert.Refused(() => TensorDecoder.DecodeNamed(items, new TensorLimits { MaxTensors = 2 }), "at most 2");
    }
}
