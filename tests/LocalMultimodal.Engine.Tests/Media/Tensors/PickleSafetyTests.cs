using LocalMultimodal.Media.Tensors;

namespace LocalMultimodal.Tests.Media.Tensors;

/// <summary>Hostile data.pkl records inside an otherwise valid torch.save zip: each is refused, and nothing runs.</summary>
public sealed class PickleSafetyTests : IDisposable
{
    // A command the payloads ask for: if anything ever executed it, this file would appear.
    private readonly string _marker = Path.Combine(Path.GetTempPath(), $"pickle-safety-{Guid.NewGuid():N}");

    public void Dispose() => File.Delete(_marker);

    [Theory]
    [InlineData("os", "system")]
    [InlineData("posix", "system")]
    [InlineData("builtins", "eval")]
    [InlineData("builtins", "exec")]
    [InlineData("subprocess", "Popen")]
    [InlineData("torch", "load")]
    public void A_global_outside_the_allowlist_is_refused_before_the_call(string module, string name)
    {
        byte[] pickle = new PickleBuilder().Proto(2).Global(module, name).Unicode($"touch {_marker}").Op(0x85).Op('R').Op('.').ToArray();

        TensorAssert.Refused(() => Decode(pickle), $"{module}.{name}");
        Assert.False(File.Exists(_marker));
    }

    [Fact]
    public void A_stack_global_outside_the_allowlist_is_refused()
    {
        // Protocol 4 spells the name as two strings then STACK_GLOBAL.
        byte[] pickle = new PickleBuilder().Proto(4).Unicode("os").Unicode("system").Op(0x93).Unicode($"touch {_marker}").Op(0x85).Op('R').Op('.').ToArray();

        TensorAssert.Refused(() => Decode(pickle), "os.system");
        Assert.False(File.Exists(_marker));
    }

    [Fact]
    public void Reduce_on_an_allowlisted_name_that_is_not_a_callable_is_refused()
    {
        byte[] pickle = new PickleBuilder().Proto(2).Global("torch", "FloatStorage").Op(')').Op('R').Op('.').ToArray();

        TensorAssert.Refused(() => Decode(pickle), "calls something other");
    }

    [Fact]
    public void An_ordered_dict_with_contents_is_refused()
    {
        byte[] pickle = new PickleBuilder().Proto(2).Global("collections", "OrderedDict").Unicode("x").Op(0x85).Op('R').Op('.').ToArray();

        TensorAssert.Refused(() => Decode(pickle), "calls something other");
    }

    [Fact]
    public void Rebuild_with_arguments_of_the_wrong_form_is_refused()
    {
        byte[] pickle = new PickleBuilder().Proto(2).Global("torch._utils", "_rebuild_tensor_v2").Mark().Int(1).Int(2).Op('t').Op('R').Op('.').ToArray();

        TensorAssert.Refused(() => Decode(pickle), "unexpected arguments");
    }

    [Theory]
    [InlineData('i')] // INST: imports and calls
    [InlineData('o')] // OBJ
    [InlineData('b')] // BUILD: __setstate__
    [InlineData(0x81)] // NEWOBJ
    [InlineData('S')] // STRING: text-mode repr
    [InlineData('P')] // PERSID: text persistent id
    public void Opcodes_outside_the_subset_are_refused(int opcode)
    {
        byte[] pickle = new PickleBuilder().Proto(2).Op((byte)opcode).Op('.').ToArray();

        TensorAssert.Refused(() => Decode(pickle), "pickle instruction");
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x02, (byte)'h', 0x05, (byte)'.' }, "recalls")] // BINGET of nothing
    [InlineData(new byte[] { 0x80, 0x02, (byte)'t', (byte)'.' }, "mark")] // TUPLE without MARK
    [InlineData(new byte[] { 0x80, 0x02, (byte)'R', (byte)'.' }, "corrupt")] // REDUCE on an empty stack
    [InlineData(new byte[] { 0x80, 0x02, (byte)'K', 0x01, (byte)'.' }, "other than a single tensor")] // just an int
    [InlineData(new byte[] { 0x80, 0x02, (byte)'X', 0xff, 0xff, 0xff, 0x7f }, "longer")] // a 2 GB string
    [InlineData(new byte[] { 0x80, 0x02, (byte)'K' }, "ends early")]
    [InlineData(new byte[] { 0x80, 0x01, (byte)'.' }, "protocol 1")]
    public void Malformed_pickles_are_refused(byte[] pickle, string reason)
    {
        TensorAssert.Refused(() => Decode(pickle), reason);
    }

    [Fact]
    public void A_dict_of_tensors_is_refused_with_advice()
    {
        byte[] pickle = new PickleBuilder().Proto(2).Op('}').Unicode("a").Int(1).Op('s').Op('.').ToArray();

        TensorAssert.Refused(() => Decode(pickle), "one per name");
    }

    private static void Decode(byte[] pickle) =>
        TensorDecoder.Decode(TorchZipBuilder.Build(pickle, TorchZipBuilder.Floats(1, 2)));
}
