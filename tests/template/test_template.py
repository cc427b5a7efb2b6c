"""template.yaml as CloudFormation receives it: transformed by SAM's translator, then checked for what the
deployment depends on (one origin, sign-in, the site publisher, hardening), so a later change cannot drop
any of it silently."""
import os
import re
import unittest

from samtranslator.parser.parser import Parser
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse
from yaml import safe_dump as yaml_dump

TEMPLATE = os.path.join(os.path.dirname(__file__), '..', '..', 'template.yaml')
CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad'
CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6'
ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac'
API_FUNCTIONS = ['ListProfilesFunction', 'ProfileFunction']


class ManagedPolicies:
    """The translator asks for managed policy ARNs by name; SAM attaches X-Ray's when tracing may be on."""

    def load(self):
        return {'AWSXrayWriteOnlyAccess': 'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
                'AWSLambdaBasicExecutionRole': 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'}


def translated():
    os.environ.setdefault('AWS_DEFAULT_REGION', 'eu-west-1')
    with open(TEMPLATE) as f:
        sam = yaml_parse(f.read())
    packaged = yaml_parse(yaml_dump(sam))
    # what `sam package` does before the transform: local code folders become uploaded artifacts
    packaged['Globals']['Function']['CodeUri'] = 's3://artifacts/functions.zip'
    for resource in packaged['Resources'].values():
        if resource['Type'] == 'AWS::Serverless::LayerVersion':
            resource['Properties']['ContentUri'] = 's3://artifacts/layer.zip'
    return sam, transform(packaged, {}, ManagedPolicies(), Parser())


SAM, CFN = translated()
RESOURCES = CFN['Resources']


def of_type(kind):
    return {name: r for name, r in RESOURCES.items() if r['Type'] == kind}


def one(kind):
    found = of_type(kind)
    assert len(found) == 1, f'expected one {kind}, found {sorted(found)}'
    return next(iter(found.items()))


class OneOrigin(unittest.TestCase):
    def setUp(self):
        self.name, distribution = one('AWS::CloudFront::Distribution')
        self.config = distribution['Properties']['DistributionConfig']
        self.origins = {o['Id']: o for o in self.config['Origins']}
        self.behaviours = {b['PathPattern']: b for b in self.config['CacheBehaviors']}

    def origin_of(self, behaviour):
        return self.origins[behaviour['TargetOriginId']]

    def test_site_bucket_serves_the_root_through_origin_access_control(self):
        site = self.origin_of(self.config['DefaultCacheBehavior'])
        self.assertEqual({'Fn::GetAtt': ['SiteBucket', 'RegionalDomainName']}, site['DomainName'])
        self.assertIn('OriginAccessControlId', site)
        self.assertEqual('index.html', self.config['DefaultRootObject'])

    def test_photos_are_served_from_the_photos_bucket_cached(self):
        photos = self.behaviours['/photos/*']
        self.assertEqual({'Fn::GetAtt': ['PhotosBucket', 'RegionalDomainName']}, self.origin_of(photos)['DomainName'])
        self.assertIn('OriginAccessControlId', self.origin_of(photos))
        self.assertEqual(CACHING_OPTIMIZED, photos['CachePolicyId'])

    def test_api_is_reached_at_api_uncached_with_the_token_and_without_host(self):
        api = self.behaviours['/api/*']
        self.assertIn('RosterApi', str(self.origin_of(api)['DomainName']))
        self.assertIn('execute-api', str(self.origin_of(api)['DomainName']))
        self.assertEqual('https-only', self.origin_of(api)['CustomOriginConfig']['OriginProtocolPolicy'])
        self.assertEqual(CACHING_DISABLED, api['CachePolicyId'])
        self.assertEqual(ALL_VIEWER_EXCEPT_HOST, api['OriginRequestPolicyId'])
        self.assertTrue({'GET', 'PUT', 'POST', 'DELETE'} <= set(api['AllowedMethods']))

    def test_the_api_answers_under_its_stage_api_and_nowhere_else(self):
        stages = of_type('AWS::ApiGatewayV2::Stage')
        self.assertEqual(['api'], [s['Properties']['StageName'] for s in stages.values()])

    def test_buckets_are_read_by_this_distribution_only(self):
        for policy_name, bucket in [('SiteBucketPolicy', 'SiteBucket'), ('PhotosBucketPolicy', 'PhotosBucket')]:
            statements = RESOURCES[policy_name]['Properties']['PolicyDocument']['Statement']
            reads = [s for s in statements if s['Effect'] == 'Allow']
            self.assertEqual([{'Service': 'cloudfront.amazonaws.com'}], [s['Principal'] for s in reads], policy_name)
            self.assertIn(self.name, str(reads[0]['Condition']))

    def test_site_url_is_the_first_output(self):
        self.assertEqual('SiteUrl', next(iter(SAM['Outputs'])))

    def test_the_api_sends_cors_headers_only_for_origins_an_operator_adds(self):
        self.assertEqual('', SAM['Parameters']['CorsAllowedOrigins']['Default'])
        self.assertIn('HasCorsOrigins', str(SAM['Resources']['RosterApi']['Properties']['CorsConfiguration']))

    def test_an_origin_a_browser_would_never_send_fails_at_deploy_naming_the_parameter(self):
        parameter = SAM['Parameters']['CorsAllowedOrigins']
        pattern = re.compile(parameter['AllowedPattern'])
        for origin in ['', 'http://localhost:3000', 'https://members.example.org']:
            self.assertTrue(pattern.fullmatch(origin), origin)
        for origin in ['https://members.example.org/', 'https://example.org/app', 'localhost:3000', '*']:
            self.assertFalse(pattern.fullmatch(origin), origin)
        self.assertIn('CorsAllowedOrigins', parameter['ConstraintDescription'])


class SignIn(unittest.TestCase):
    def test_parameters_choose_the_identity_provider_and_the_groups(self):
        p = SAM['Parameters']
        self.assertEqual((['cognito', 'external'], 'cognito'), (p['IdentityProvider']['AllowedValues'],
                                                                p['IdentityProvider']['Default']))
        self.assertEqual('false', p['AllowSelfSignUp']['Default'])
        self.assertEqual('', p['MemberGroup']['Default'])
        self.assertEqual('roster-admins', p['AdminGroup']['Default'])
        self.assertEqual('cognito:groups', p['GroupClaim']['Default'])

    def test_an_external_provider_without_issuer_or_audience_fails_at_deploy_naming_them(self):
        rule = CFN['Rules']['ExternalIdentityProviderIsNamed']
        descriptions = ' '.join(a['AssertDescription'] for a in rule['Assertions'])
        self.assertIn('JwtIssuer', descriptions)
        self.assertIn('JwtAudience', descriptions)

    def test_cognito_brings_a_pool_managed_login_a_pkce_public_client_and_the_admin_group(self):
        for name in ['MemberPool', 'MemberPoolDomain', 'MemberPoolBranding', 'MemberPoolClient', 'AdminGroupInPool']:
            self.assertEqual('UseCognito', RESOURCES[name].get('Condition'), name)
        self.assertEqual(2, RESOURCES['MemberPoolDomain']['Properties']['ManagedLoginVersion'])
        client = RESOURCES['MemberPoolClient']['Properties']
        self.assertFalse(client['GenerateSecret'])
        self.assertEqual(['code'], client['AllowedOAuthFlows'])
        self.assertTrue({'openid', 'email'} <= set(client['AllowedOAuthScopes']))
        self.assertEqual({'Fn::If': ['SelfSignUp', False, True]},
                         RESOURCES['MemberPool']['Properties']['AdminCreateUserConfig']['AllowAdminCreateUserOnly'])

    def test_the_authorizer_trusts_the_pool_or_the_external_issuer(self):
        _, api = one('AWS::ApiGatewayV2::Api')
        schemes = api['Properties']['Body']['components']['securitySchemes']
        jwt = schemes['MemberJwt']['x-amazon-apigateway-authorizer']['jwtConfiguration']
        self.assertEqual('UseCognito', jwt['issuer']['Fn::If'][0])
        self.assertIn('MemberPool', str(jwt['issuer']['Fn::If'][1]))
        self.assertEqual({'Ref': 'JwtIssuer'}, jwt['issuer']['Fn::If'][2])
        self.assertIn('MemberPoolClient', str(jwt['audience']))

    def test_every_api_function_knows_the_member_and_admin_groups_and_the_claim(self):
        for name in API_FUNCTIONS:
            env = RESOURCES[name]['Properties']['Environment']['Variables']
            self.assertEqual({'Ref': 'MemberGroup'}, env['MEMBER_GROUP'], name)
            self.assertEqual({'Ref': 'AdminGroup'}, env['ADMIN_GROUP'], name)
            self.assertEqual({'Ref': 'GroupClaim'}, env['GROUP_CLAIM'], name)


class PublishedSite(unittest.TestCase):
    def test_the_deploy_publishes_the_site_with_the_stacks_values(self):
        site = RESOURCES['Site']
        self.assertEqual('Custom::Site', site['Type'])
        props = site['Properties']
        self.assertIn('SitePublisherFunction', str(props['ServiceToken']))
        # a new package of the publisher (a changed web/) is a new version: the site is published again
        self.assertIn('SitePublisherFunctionVersion', str(props['PackageVersion']))
        self.assertEqual({'Ref': 'SiteBucket'}, props['SiteBucket'])
        self.assertEqual('/api', props['ApiBase'])
        for name in ['SiteUrl', 'Issuer', 'ClientId', 'AuthorizationEndpoint', 'TokenEndpoint', 'UserPoolId']:
            self.assertIn(name, props)

    def test_the_publisher_may_write_only_the_site_bucket(self):
        role = RESOURCES['SitePublisherFunctionRole']['Properties']
        statements = [s for p in role['Policies'] for s in p['PolicyDocument']['Statement']]
        s3 = [s for s in statements if any(str(a).startswith('s3:') for a in
                                           (s['Action'] if isinstance(s['Action'], list) else [s['Action']]))]
        self.assertTrue(s3)
        for statement in s3:
            self.assertIn('SiteBucket', str(statement['Resource']))



class OnePageOneQuery(unittest.TestCase):
    def test_an_alarm_fires_when_a_list_request_makes_more_than_one_dynamodb_call(self):
        alarm = RESOURCES['ListPageQueriesAlarm']['Properties']
        function = RESOURCES['ListProfilesFunction']['Properties']
        # the namespace and metric the function writes (EMF, dimension Function = its deployed name)
        self.assertEqual(function['Environment']['Variables']['METRICS_NAMESPACE'], alarm['Namespace'])
        self.assertEqual('DynamoDbCalls', alarm['MetricName'])
        self.assertEqual([{'Name': 'Function', 'Value': {'Ref': 'ListProfilesFunction'}}], alarm['Dimensions'])
        self.assertEqual(('Maximum', 1, 'GreaterThanThreshold'),
                         (alarm['Statistic'], alarm['Threshold'], alarm['ComparisonOperator']))
        self.assertEqual([{'Ref': 'AlarmTopic'}], alarm['AlarmActions'])


class Hardening(unittest.TestCase):
    FUNCTIONS = ['ListProfilesFunction', 'ProfileFunction', 'ThumbnailFunction', 'OpsFunction', 'SitePublisherFunction']

    def test_every_function_logs_to_its_own_group_kept_log_retention_days(self):
        for name in self.FUNCTIONS:
            group = RESOURCES[name]['Properties']['LoggingConfig']['LogGroup']['Ref']
            self.assertEqual({'Ref': 'LogRetentionDays'}, RESOURCES[group]['Properties']['RetentionInDays'], name)
        self.assertEqual('30', str(SAM['Parameters']['LogRetentionDays']['Default']))

    def test_the_photo_function_has_a_concurrency_cap_and_the_upload_route_a_lower_throttle(self):
        self.assertEqual({'Ref': 'ThumbnailConcurrency'},
                         RESOURCES['ThumbnailFunction']['Properties']['ReservedConcurrentExecutions'])
        self.assertEqual('10', str(SAM['Parameters']['ThumbnailConcurrency']['Default']))
        _, stage = one('AWS::ApiGatewayV2::Stage')
        upload = stage['Properties']['RouteSettings']['POST /me/photo']
        self.assertEqual({'Ref': 'PhotoUploadRateLimit'}, upload['ThrottlingRateLimit'])

    def test_security_headers_apply_to_every_behaviour_with_a_csp_without_unsafe_inline(self):
        _, distribution = one('AWS::CloudFront::Distribution')
        config = distribution['Properties']['DistributionConfig']
        for behaviour in [config['DefaultCacheBehavior'], *config['CacheBehaviors']]:
            self.assertEqual({'Ref': 'SiteResponseHeaders'}, behaviour['ResponseHeadersPolicyId'])
        headers = RESOURCES['SiteResponseHeaders']['Properties']['ResponseHeadersPolicyConfig']['SecurityHeadersConfig']
        self.assertIn('StrictTransportSecurity', headers)
        self.assertIn('ContentTypeOptions', headers)
        csp = str(headers['ContentSecurityPolicy']['ContentSecurityPolicy'])
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn('unsafe-inline', csp)

    def test_imports_expire_like_uploads(self):
        rules = {r.get('Prefix'): r for r in
                 RESOURCES['UploadsBucket']['Properties']['LifecycleConfiguration']['Rules']}
        for prefix in ['uploads/', 'imports/']:
            self.assertEqual({'Ref': 'AbandonedUploadDays'}, rules[prefix]['ExpirationInDays'], prefix)

    def test_only_the_uploads_bucket_may_invoke_the_thumbnail_function(self):
        bucket = RESOURCES['UploadsBucket']
        name = bucket['Properties']['BucketName']['Fn::Sub']
        by_s3 = {n: r['Properties'] for n, r in of_type('AWS::Lambda::Permission').items()
                 if r['Properties']['Principal'] == 's3.amazonaws.com'}
        self.assertEqual(['ThumbnailInvokedByUploads'], sorted(by_s3))
        permission = by_s3['ThumbnailInvokedByUploads']
        self.assertEqual({'Fn::Sub': 'arn:${AWS::Partition}:s3:::' + name}, permission['SourceArn'])
        self.assertEqual({'Ref': 'AWS::AccountId'}, permission['SourceAccount'])
        self.assertEqual({'Ref': 'ThumbnailFunctionAliaslive'}, permission['FunctionName'])
        # S3 checks the permission when the notification is saved: the bucket must come after it
        self.assertIn('ThumbnailInvokedByUploads', bucket['DependsOn'])

    def test_the_uploads_bucket_sends_new_objects_under_uploads_to_the_live_thumbnail_function(self):
        [notification] = RESOURCES['UploadsBucket']['Properties']['NotificationConfiguration']['LambdaConfigurations']
        self.assertEqual('s3:ObjectCreated:*', notification['Event'])
        self.assertEqual([{'Name': 'prefix', 'Value': 'uploads/'}], notification['Filter']['S3Key']['Rules'])
        self.assertEqual({'Ref': 'ThumbnailFunctionAliaslive'}, notification['Function'])

    def test_replaced_crops_tagged_obsolete_expire_after_a_day_and_nothing_else_does(self):
        rules = RESOURCES['PhotosBucket']['Properties']['LifecycleConfiguration']['Rules']
        expiring = [r for r in rules if 'ExpirationInDays' in r]
        self.assertEqual(1, len(expiring), rules)
        rule = expiring[0]
        self.assertEqual('Enabled', rule['Status'])
        self.assertEqual('photos/', rule['Prefix'])
        self.assertEqual([{'Key': 'roster-obsolete', 'Value': 'true'}], rule['TagFilters'])
        self.assertEqual(1, rule['ExpirationInDays'])

    def test_the_photo_function_tags_and_deletes_only_under_the_prefixes_it_owns(self):
        role = RESOURCES['ThumbnailFunctionRole']['Properties']
        statements = [s for p in role['Policies'] for s in p['PolicyDocument']['Statement']]

        def actions(statement):
            return statement['Action'] if isinstance(statement['Action'], list) else [statement['Action']]

        for statement in statements:
            resources = statement['Resource'] if isinstance(statement['Resource'], list) else [statement['Resource']]
            for action in actions(statement):
                if action in ('s3:DeleteObject', 's3:PutObjectTagging', 's3:PutObject'):
                    for resource in resources:
                        self.assertRegex(str(resource), r"/(photos|originals)/\*'}?$", f'{action} on {resource}')
                if action == 's3:ListBucket':
                    self.assertEqual({'StringLike': {'s3:prefix': 'photos/*'}}, statement['Condition'])
        granted = {a for s in statements for a in actions(s)}
        self.assertTrue({'s3:PutObjectTagging', 's3:DeleteObject', 's3:ListBucket'} <= granted, granted)
        self.assertNotIn('s3:DeleteObjectTagging', granted)

    def test_the_cursor_key_is_read_from_secrets_manager_not_resolved_into_the_environment(self):
        env = RESOURCES['ListProfilesFunction']['Properties']['Environment']['Variables']
        self.assertNotIn('CURSOR_SECRET', env)
        self.assertEqual({'Ref': 'CursorSecret'}, env['CURSOR_SECRET_ARN'])
        self.assertNotIn('resolve:secretsmanager', str(RESOURCES))

    def test_every_checkov_skip_says_why(self):
        for name, resource in SAM['Resources'].items():
            for skip in resource.get('Metadata', {}).get('checkov', {}).get('skip', []):
                self.assertTrue(skip['id'].startswith('CKV_'), name)
                self.assertGreater(len(skip.get('comment', '')), 30, f'{name} {skip["id"]} needs a reason')


if __name__ == '__main__':
    unittest.main()
