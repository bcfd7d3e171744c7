/**
 * The network an RDS cluster lives in when the app passes none: a VPC of its own with two isolated
 * subnets in the region's first two availability zones.
 *
 * Isolated means no internet gateway and no NAT: the subnets use the VPC's main route table, which
 * holds only the local route. Functions reach the database through the RDS Data API, an AWS
 * endpoint outside the VPC, so nothing needs a route in; and a NAT gateway would cost money every
 * hour for nothing. Aurora needs subnets in at least two availability zones for its subnet group.
 * @module
 */
import { CfnResource, Fn, type Construct } from "../../compiler/index.ts"

export interface ClusterNetwork {
  vpcId: string
  subnetIds: string[]
}

const VPC_CIDR = "10.0.0.0/16"
/** Two /18 blocks leave half the VPC free for subnets the app adds later. */
const SUBNET_CIDRS = ["10.0.0.0/18", "10.0.64.0/18"]

export function createIsolatedVpc(scope: Construct, name: string): ClusterNetwork {
  const vpc = new CfnResource(scope, "Vpc", {
    type: "AWS::EC2::VPC",
    properties: {
      CidrBlock: VPC_CIDR,
      EnableDnsHostnames: true,
      EnableDnsSupport: true,
      Tags: [{ Key: "Name", Value: name }],
    },
  })
  const subnetIds = SUBNET_CIDRS.map((cidr, index) => {
    const subnet = new CfnResource(scope, `IsolatedSubnet${index + 1}`, {
      type: "AWS::EC2::Subnet",
      properties: {
        VpcId: vpc.ref,
        CidrBlock: cidr,
        AvailabilityZone: Fn.select(index, Fn.getAZs("")),
        MapPublicIpOnLaunch: false,
        Tags: [{ Key: "Name", Value: `${name}-isolated-${index + 1}` }],
      },
    })
    return subnet.ref
  })
  return { vpcId: vpc.ref, subnetIds }
}
