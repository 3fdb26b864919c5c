// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

return 0;
