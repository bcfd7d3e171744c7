import assert from "node:assert/strict"
import { after, before, test } from "node:test"
import { SSMClient } from "@aws-sdk/client-ssm"
import { bindingEnvironmentKey, bindingParameterName } from "../../resources/bindable.ts"
import { Secret } from "../../resources/Config.ts"
import { Stack } from "../../resources/Stack.ts"
import { Table } from "../../resources/Table.ts"
import { startSsmFake, type SsmFake } from "../../test/fakes/ssm/index.ts"
import { testApp } from "../../test/helpers/synth.ts"
import { environmentKeyOf, loadBindings, stagePath } from "./load-bindings.ts"

let ssm: SsmFake
let client: SSMClient

before(async () => {
  ssm = await startSsmFake()
  client = new SSMClient({ region: "us-east-1", endpoint: ssm.endpoint, credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" } })
})

after(async () => {
  client.destroy()
  await ssm.close()
})

const put = (Name: string, Value: string, Type: "String" | "SecureString" = "String") => ssm.parameters.set(Name, { Name, Type, Value, Version: 1 })

test("a binding's parameter name maps to the environment name its function gets", () => {
  const app = { name: "notes", stage: "dev", ssmPrefix: "/team" }
  const stack = new Stack(testApp({ name: "notes", stage: "dev" }), "Main")
  const table = new Table(stack, "notes-table", { fields: { id: "string" }, primaryIndex: { partitionKey: "id" } })
  const secret = new Secret(stack, "STRIPE-KEY")
  const folder = stagePath({ app: "notes", stage: "dev", ssmPrefix: "/team/" })
  assert.equal(folder, "/team/sst/notes/dev/")
  for (const [construct, prop] of [[table, "tableName"], [secret, "value"]] as const) {
    assert.equal(environmentKeyOf(folder, bindingParameterName(app, construct, prop)), bindingEnvironmentKey(construct, prop))
  }
  assert.equal(environmentKeyOf(folder, "/team/sst/notes/dev/Table/notes-table/tableName"), "SST_Table_tableName_notes_table")
  assert.equal(environmentKeyOf(folder, "/team/sst/notes/dev/Secret/STRIPE-KEY/value"), "SST_Secret_value_STRIPE_KEY")
})

test("parameters under the stage that no binding writes get no environment name", () => {
  const folder = "/sst/notes/dev/"
  assert.equal(environmentKeyOf(folder, "/sst/notes/dev/Table/Notes"), undefined)
  assert.equal(environmentKeyOf(folder, "/sst/notes/dev/Table/Notes/tableName/extra"), undefined)
  assert.equal(environmentKeyOf(folder, "/sst/notes/dev/Table//tableName"), undefined)
  assert.equal(environmentKeyOf(folder, "/sst/notes/prod/Table/Notes/tableName"), undefined)
})

test("loadBindings reads every page of the stage, decrypted, and a secret's fallback only where the stage has no value", async () => {
  put("/sst/notes/dev/Table/Notes/tableName", "dev-notes-Notes")
  put("/sst/notes/dev/Secret/STRIPE_KEY/value", "sk_dev", "SecureString")
  put("/sst/notes/.fallback/Secret/STRIPE_KEY/value", "sk_fallback", "SecureString")
  put("/sst/notes/.fallback/Secret/GITHUB_TOKEN/value", "ghp_fallback", "SecureString")
  for (let i = 0; i < 12; i++) put(`/sst/notes/dev/Parameter/P${String(i).padStart(2, "0")}/value`, `v${i}`)
  put("/sst/notes/prod/Table/Notes/tableName", "prod-notes-Notes")
  put("/sst/other/dev/Table/Notes/tableName", "dev-other-Notes")

  const loaded = await loadBindings(client, { app: "notes", stage: "dev" })
  assert.equal(loaded.stageParameters, 14)
  assert.equal(loaded.environment.size, 15)
  assert.equal(loaded.environment.get("SST_Table_tableName_Notes"), "dev-notes-Notes")
  assert.equal(loaded.environment.get("SST_Secret_value_STRIPE_KEY"), "sk_dev")
  assert.equal(loaded.environment.get("SST_Secret_value_GITHUB_TOKEN"), "ghp_fallback")
  assert.equal(loaded.environment.get("SST_Parameter_value_P11"), "v11")
  assert.deepEqual([...loaded.environment.keys()].slice(0, 3), ["SST_Parameter_value_P00", "SST_Parameter_value_P01", "SST_Parameter_value_P02"])

  const empty = await loadBindings(client, { app: "notes", stage: "empty" })
  assert.equal(empty.stageParameters, 0)
  assert.deepEqual([...empty.environment], [["SST_Secret_value_GITHUB_TOKEN", "ghp_fallback"], ["SST_Secret_value_STRIPE_KEY", "sk_fallback"]])
})
