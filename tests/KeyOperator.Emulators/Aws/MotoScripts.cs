// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Emulators.Aws;

/// <summary>The boto3 scripts <see cref="MotoServer"/> runs (boto3 comes with moto).</summary>
internal static class MotoScripts
{
    /// <summary>The minimal read policy of docs/providers/aws.md (moto evaluates secretsmanager actions against resource <c>*</c> only).</summary>
    public const string ReadPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}]}""";

    /// <summary>Common head: a client factory for the endpoint in KEYOP_MOTO_ENDPOINT, trusting KEYOP_MOTO_CA.</summary>
    public const string Head = """
        import boto3, json, os, sys, base64
        ep = os.environ["KEYOP_MOTO_ENDPOINT"]
        ca = os.environ.get("KEYOP_MOTO_CA") or False
        def client(svc, ak="testing", sk="testing"):
            return boto3.client(svc, endpoint_url=ep, region_name="us-east-1", aws_access_key_id=ak, aws_secret_access_key=sk, verify=ca)
        """;

    /// <summary>
    /// Creates the identities. The first three calls are unauthenticated (INITIAL_NO_AUTH_ACTION_COUNT=3): the admin
    /// user, its policy and its key; every later call is signed by the admin and checked by moto's IAM.
    /// </summary>
    public const string Setup = Head + """

        policy = os.environ["KEYOP_READ_POLICY"]
        iam = client("iam")
        iam.create_user(UserName="admin")
        iam.put_user_policy(UserName="admin", PolicyName="all", PolicyDocument=json.dumps({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}))
        k = iam.create_access_key(UserName="admin")["AccessKey"]
        admin = (k["AccessKeyId"], k["SecretAccessKey"])
        iam = client("iam", *admin)
        def user(name, doc=None):
            iam.create_user(UserName=name)
            if doc: iam.put_user_policy(UserName=name, PolicyName="p", PolicyDocument=doc)
            key = iam.create_access_key(UserName=name)["AccessKey"]
            return {"AccessKeyId": key["AccessKeyId"], "SecretAccessKey": key["SecretAccessKey"]}
        reader = user("reader", policy)
        nobody = user("nobody")
        role = iam.create_role(RoleName="reader", AssumeRolePolicyDocument=json.dumps({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/assumer"},"Action":"sts:AssumeRole"}]}))["Role"]
        iam.put_role_policy(RoleName="reader", PolicyName="read", PolicyDocument=policy)
        assumer = user("assumer", json.dumps({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":role["Arn"]}]}))
        print(json.dumps({"Admin": {"AccessKeyId": admin[0], "SecretAccessKey": admin[1]}, "Reader": reader, "Nobody": nobody, "Assumer": assumer, "RoleArn": role["Arn"]}))
        """;

    /// <summary>Runs Secrets Manager calls as the admin: each stdin line is <c>{"op": "create_secret", "args": {...}}</c>; prints one JSON result per line.</summary>
    public const string Admin = Head + """

        sm = client("secretsmanager", os.environ.get("KEYOP_ADMIN_AK", "testing"), os.environ.get("KEYOP_ADMIN_SK", "testing"))
        for line in sys.stdin:
            call = json.loads(line)
            args = call["args"]
            if "SecretBinaryBase64" in args: args["SecretBinary"] = base64.b64decode(args.pop("SecretBinaryBase64"))
            result = getattr(sm, call["op"])(**args)
            result.pop("ResponseMetadata", None)
            print(json.dumps(result, default=str))
        """;
}
