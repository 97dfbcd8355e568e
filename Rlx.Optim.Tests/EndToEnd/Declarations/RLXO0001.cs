using System;
using Rlx.Optim;

namespace EndToEnd;

[AdamOptimizer]
public class /*RLXO0001*/NotPartial
{
}
